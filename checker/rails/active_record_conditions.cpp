#include "rails/active_record_conditions.hpp"

#include <cctype>
#include <vector>

#include "rails/ruby_value.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

bool simple_identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

std::string sql_identifier(const std::string& name) {
  if (simple_identifier(name)) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::optional<std::string> sql_literal(const RubyValue& value) {
  switch (value.kind) {
    case RubyValue::Kind::string:
    case RubyValue::Kind::symbol: {
      if (value.interpolated) return std::nullopt;
      std::string quoted = "'";
      for (char c : value.text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      return quoted + "'";
    }
    case RubyValue::Kind::number:
    case RubyValue::Kind::boolean: return value.text;
    default: return std::nullopt;
  }
}

// `column = value` as Active Record writes where(column: value).
std::optional<std::string> sql_comparison(const std::string& column, const RubyValue& value, bool negate) {
  const std::string name = sql_identifier(column);
  if (value.kind == RubyValue::Kind::nil) return name + (negate ? " IS NOT NULL" : " IS NULL");
  if (value.kind == RubyValue::Kind::array) {
    std::vector<std::string> items;
    for (const auto& item : value.items) {
      const auto literal = sql_literal(item);
      if (!literal) return std::nullopt;
      items.push_back(*literal);
    }
    if (items.empty()) return std::nullopt;
    return name + (negate ? " NOT IN (" : " IN (") + join(items, ", ") + ")";
  }
  const auto literal = sql_literal(value);
  if (!literal) return std::nullopt;
  return name + (negate ? " <> " : " = ") + *literal;
}

// One where(...) or where.not(...) call's arguments as SQL.
std::optional<std::string> translate_where(RubyNode call, bool negate) {
  const RubyArguments parsed = ruby_arguments(call);
  if (parsed.positional.size() == 1 && parsed.options.pairs.empty() && !negate &&
      parsed.positional[0].kind == RubyValue::Kind::string && !parsed.positional[0].interpolated &&
      parsed.positional[0].text.find('?') == std::string::npos)
    return parsed.positional[0].text;
  if (!parsed.positional.empty() || parsed.options.pairs.empty()) return std::nullopt;
  std::vector<std::string> comparisons;
  for (const auto& [column, value] : parsed.options.pairs) {
    const auto comparison = sql_comparison(column, value, negate && parsed.options.pairs.size() == 1);
    if (!comparison) return std::nullopt;
    comparisons.push_back(*comparison);
  }
  // where.not(a: 1, b: 2) is NOT (a = 1 AND b = 2), as Rails 6.1+ writes it.
  if (negate && comparisons.size() > 1) return "NOT (" + join(comparisons, " AND ") + ")";
  return join(comparisons, " AND ");
}

bool method_is(RubyNode call, const char* name) { return call.is("call") && call.field("method").text() == name; }

// The parts of a where chain, first call first; false when the chain holds
// anything else.
bool chain_parts(RubyNode call, std::vector<std::string>& parts) {
  if (!call.is("call") || !call.field("block").null()) return false;
  RubyNode receiver = call.field("receiver");
  bool negate = false;
  if (method_is(call, "not")) {
    // where.not(...): the receiver is a where with no arguments, which the
    // grammar reads as a bare identifier when nothing comes before it.
    if (receiver.is("identifier") && receiver.text() == "where") {
      receiver = RubyNode();
    } else if (method_is(receiver, "where") && receiver.field("arguments").null()) {
      receiver = receiver.field("receiver");
    } else {
      return false;
    }
    negate = true;
  } else if (!method_is(call, "where")) {
    return false;
  }
  if (!receiver.null() && !chain_parts(receiver, parts)) return false;
  const auto part = translate_where(call, negate);
  if (!part) return false;
  parts.push_back(*part);
  return true;
}

}  // namespace

std::optional<std::string> conditions_sql(RubyNode body) {
  if (body.null() || body.has_error()) return std::nullopt;
  std::vector<std::string> parts;
  if (!chain_parts(body, parts) || parts.empty()) return std::nullopt;
  if (parts.size() == 1) return parts[0];
  return "(" + join(parts, ") AND (") + ")";
}

std::optional<std::string> translate_conditions(const std::string& ruby) {
  const RubySyntaxTree tree(ruby);
  const RubyNode program = tree.root();
  if (program.count() != 1) return std::nullopt;
  return conditions_sql(program.child(0));
}

}  // namespace plumb
