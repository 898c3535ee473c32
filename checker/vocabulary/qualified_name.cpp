#include "vocabulary/qualified_name.hpp"

#include <pg_query.h>

#include <cctype>

#include "util/errors.hpp"

namespace plumb {
namespace {

// One part starting at `at` (bare up to the next dot, or quoted); leaves
// `at` on the dot after it, or at the end.
std::string next_part(const std::string& text, size_t& at) {
  if (text[at] != '"') {
    const size_t dot = text.find('.', at);
    const size_t end = dot == std::string::npos ? text.size() : dot;
    // Taken as written, quotes and all: a name such as x"y has always
    // meant that table, and only a part that opens with a quote is quoted.
    std::string part = text.substr(at, end - at);
    at = end;
    return part;
  }
  std::string part;
  for (++at; at < text.size(); ++at) {
    if (text[at] != '"') {
      part += text[at];
    } else if (at + 1 < text.size() && text[at + 1] == '"') {
      part += '"';  // "" inside quotes is one quote, as in SQL
      ++at;
    } else {
      ++at;
      if (at < text.size() && text[at] != '.') throw InputError("text after a closing quote");
      if (part.empty()) throw InputError("an empty quoted name (\"\")");
      return part;
    }
  }
  throw InputError("a quote that is never closed");
}

// Whether `sql` parses, by PostgreSQL's own grammar.
bool parses(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  const bool ok = result.error == nullptr;
  pg_query_free_parse_result(result);
  return ok;
}

// A plain identifier or an unreserved keyword: the names the grammar takes
// both as a table or column name (ColId: no type_func_name keyword such as
// `left`, no reserved one such as `order`) and as a function name
// (type_function_name: no col_name keyword such as `int`). libpg_query has
// no public keyword list; its grammar answers the same question.
bool bare_name_is_safe(const std::string& name) {
  return parses("CREATE TABLE " + name + " ()") && parses("SELECT " + name + "()");
}

}  // namespace

std::vector<std::string> split_name_parts(const std::string& text) {
  std::vector<std::string> parts;
  size_t at = 0;
  while (true) {
    if (at >= text.size()) throw InputError("an empty name part (a stray dot, or nothing)");
    parts.push_back(next_part(text, at));
    if (parts.back().empty()) throw InputError("an empty name part (a stray dot)");
    if (at == text.size()) return parts;
    ++at;  // the dot
  }
}

QualifiedName QualifiedName::parse(const std::string& text) {
  const auto parts = split_name_parts(text);
  if (parts.size() > 2) throw InputError("more than two parts: give SCHEMA.NAME or NAME");
  if (parts.size() == 1) return QualifiedName{std::nullopt, parts[0]};
  return QualifiedName{parts[0], parts[1]};
}

std::string sql_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string sql_identifiers(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + sql_identifier(name);
  return list;
}

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name)
    plain = plain && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  return plain && bare_name_is_safe(name) ? name : sql_identifier(name);
}

std::string QualifiedName::quoted() const {
  return (schema ? sql_identifier(*schema) + "." : "") + sql_identifier(name);
}

std::string QualifiedName::to_string() const {
  const auto readable = [](const std::string& part) {
    return part.empty() || part.front() == '"' || part.find('.') != std::string::npos ? sql_identifier(part) : part;
  };
  return (schema ? readable(*schema) + "." : "") + readable(name);
}

}  // namespace plumb
