#include "rules/sql_fragment.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "util/errors.hpp"
#include "util/utf8.hpp"

namespace plumb {
namespace {

using json = nlohmann::json;

// The SELECT around a condition, and what follows it: the newline keeps a
// trailing `-- comment` of the condition from swallowing the parenthesis.
// The parentheses are parenthesised_condition()'s (vocabulary/rule.hpp).
const std::string k_condition_prefix = "SELECT 1 WHERE (";
const std::string k_condition_suffix = "\n)";

// The statements libpg_query finds in `sql`. Throws InputError with the
// parser's message; `prefix` characters of `sql` are plumb's own, so a
// position is given within the user's text.
json parse_statements(const std::string& sql, size_t prefix) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error != nullptr) {
    std::string message = result.error->message;
    const int position = result.error->cursorpos - static_cast<int>(prefix);
    pg_query_free_parse_result(result);
    if (position > 0) message += " (at character " + std::to_string(position) + ")";
    throw InputError(message);
  }
  json tree = json::parse(result.parse_tree, nullptr, false);
  pg_query_free_parse_result(result);
  if (tree.is_discarded()) throw InputError("the parser's tree could not be read");
  return tree.value("stmts", json::array());
}

// True when `sql` parses as more than one statement.
bool several_statements(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  bool several = false;
  if (result.error == nullptr) {
    const json tree = json::parse(result.parse_tree, nullptr, false);
    several = !tree.is_discarded() && tree.value("stmts", json::array()).size() > 1;
  }
  pg_query_free_parse_result(result);
  return several;
}

// The condition inside plumb's SELECT. A condition that does not parse
// there is refused whatever; when it parses as several statements with the
// closing parenthesis commented out or left off (`...; DELETE FROM t; --`),
// the refusal names its `;` rather than the parenthesis.
json condition_statements(const std::string& text) {
  try {
    return parse_statements(k_condition_prefix + text + k_condition_suffix, k_condition_prefix.size());
  } catch (const InputError&) {
    if (several_statements(k_condition_prefix + text + ")") || several_statements(k_condition_prefix + text))
      throw InputError("it holds more than one statement (a ';')");
    throw;
  }
}

// Text a parser may read: libpg_query stops at a NUL, which would hide what
// follows it from the check but not from libpq's caller, and its JSON holds
// strings byte for byte, which must be UTF-8.
void require_parsable(const std::string& text) {
  if (text.find('\0') != std::string::npos) throw InputError("it holds a NUL byte");
  if (first_invalid_utf8(text)) throw InputError("it is not UTF-8");
}

// "InsertStmt" as "INSERT", "CreateTableAsStmt" as "CREATE TABLE AS".
std::string statement_words(const std::string& node) {
  std::string words;
  const std::string name = node.size() > 4 && node.compare(node.size() - 4, 4, "Stmt") == 0 ? node.substr(0, node.size() - 4) : node;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0 && std::isupper(static_cast<unsigned char>(name[i]))) words += ' ';
    words += static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
  }
  return words;
}

// What in `node` could write, lock or read plumb's own parameters, said for
// a person; "" when nothing.
// A read-only transaction refuses most of these too; refusing them here
// means they are never sent at all.
std::string first_forbidden(const json& node) {
  if (node.is_array()) {
    for (const auto& item : node)
      if (auto found = first_forbidden(item); !found.empty()) return found;
    return "";
  }
  if (!node.is_object()) return "";
  for (const auto& [key, value] : node.items()) {
    if (key == "InsertStmt" || key == "UpdateStmt" || key == "DeleteStmt" || key == "MergeStmt")
      return "a data-modifying " + statement_words(key);
    if (key == "intoClause") return "SELECT INTO";
    if (key == "lockingClause") return "a locking clause (FOR UPDATE/SHARE)";
    // plumb's own parameters ($1: a threshold, accepted values) are not the rule's to read.
    if (key == "ParamRef") return "a parameter ($n)";
    if (auto found = first_forbidden(value); !found.empty()) return found;
  }
  return "";
}

SqlName name_of(const json& list) {
  std::vector<std::string> parts;
  for (const auto& item : list)
    if (item.contains("String")) parts.push_back(item["String"].value("sval", ""));
  if (parts.empty()) return {};
  return {parts.size() > 1 ? parts[parts.size() - 2] : "", parts.back()};
}

void add_once(std::vector<SqlName>& names, const SqlName& name) {
  if (!name.name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// Every function call and operator under `node`.
void collect_calls(const json& node, SqlFragment& into) {
  if (node.is_array()) {
    for (const auto& item : node) collect_calls(item, into);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (key == "FuncCall") add_once(into.functions, name_of(value.value("funcname", json::array())));
    if (key == "A_Expr") add_once(into.operators, name_of(value.value("name", json::array())));
    if (key == "SubLink") add_once(into.operators, name_of(value.value("operName", json::array())));
    collect_calls(value, into);
  }
}

SqlFragment checked(const json& tree) {
  const std::string forbidden = first_forbidden(tree);
  if (!forbidden.empty()) throw InputError("it holds " + forbidden);
  SqlFragment fragment;
  collect_calls(tree, fragment);
  return fragment;
}

// The clause of `select` that is not plumb's `SELECT 1 WHERE (...)`: the
// condition then reached past its parentheses. "" when there is none.
std::string clause_past_condition(const json& select) {
  if (select.value("op", "SETOP_NONE") != "SETOP_NONE") return "UNION, INTERSECT or EXCEPT";
  for (const auto& [key, value] : select.items()) {
    if (key == "targetList" || key == "whereClause" || key == "limitOption" || key == "op") continue;
    return key;
  }
  return "";
}

}  // namespace

SqlFragment check_condition(const std::string& text) {
  require_parsable(text);
  const json statements = condition_statements(text);
  if (statements.size() != 1) throw InputError("it holds more than one statement (a ';')");
  const json& statement = statements[0]["stmt"];
  if (!statement.contains("SelectStmt")) throw InputError("it is not a condition");
  const std::string past = clause_past_condition(statement["SelectStmt"]);
  if (!past.empty()) throw InputError("it reaches past its own parentheses (into " + past + ")");
  if (!statement["SelectStmt"].contains("whereClause")) throw InputError("it is not a condition");
  // `a) OR (b` passes the WHERE above as `(a) OR (b)`, and would then
  // rebind plumb's own `AND ...` that follows. As a bare select-list item
  // nothing opens before it, so an early `)` cannot parse.
  try {
    parse_statements("SELECT " + text + "\n", 7);
  } catch (const InputError&) {
    throw InputError("its parentheses do not balance");
  }
  return checked(statement["SelectStmt"]["whereClause"]);
}

SqlFragment check_query(const std::string& text) {
  require_parsable(text);
  const json statements = parse_statements(text, 0);
  if (statements.empty()) throw InputError("it holds no statement");
  if (statements.size() != 1) throw InputError("it holds " + std::to_string(statements.size()) + " statements");
  const json& statement = statements[0]["stmt"];
  if (!statement.contains("SelectStmt"))
    throw InputError("it is " + statement_words(statement.begin().key()) + ", not a SELECT");
  // Sent inside plumb's own statement, a `;` would end it early.
  if (statements[0].value("stmt_len", 0) > 0) throw InputError("it ends with ';'");
  return checked(statement);
}

}  // namespace plumb
