#include "schema/sql_tree.hpp"

#include <pg_query.h>

namespace plumb {

using json = nlohmann::json;

const json& member(const json& node, const char* key) {
  static const json empty = json::object();
  if (!node.is_object()) return empty;
  const auto found = node.find(key);
  return found == node.end() ? empty : *found;
}

std::optional<json> parse_select(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  std::optional<json> tree;
  if (result.error == nullptr) {
    json parsed = json::parse(result.parse_tree);
    const json& statements = parsed["stmts"];
    if (statements.size() == 1) tree = member(member(statements[0], "stmt"), "SelectStmt");
  }
  pg_query_free_parse_result(result);
  return tree;
}

std::string column_of(const json& node) {
  if (node.contains("TypeCast")) return column_of(member(node["TypeCast"], "arg"));
  const json& fields = member(member(node, "ColumnRef"), "fields");
  if (!fields.is_array() || fields.empty()) return "";
  return member(fields.back(), "String").value("sval", "");
}

std::optional<Literal> literal_of(const json& node) {
  if (node.contains("TypeCast")) return literal_of(member(node["TypeCast"], "arg"));
  if (!node.contains("A_Const")) return std::nullopt;
  const json& constant = node["A_Const"];
  if (constant.value("isnull", false)) return Literal{Literal::Kind::null, "NULL"};
  if (constant.contains("sval")) {
    std::string text = "'";
    for (char c : member(constant["sval"], "sval").get<std::string>()) text += c == '\'' ? std::string("''") : std::string(1, c);
    return Literal{Literal::Kind::string, text + "'"};
  }
  if (constant.contains("ival")) return Literal{Literal::Kind::integer, std::to_string(constant["ival"].value("ival", 0LL))};
  if (constant.contains("fval")) return Literal{Literal::Kind::decimal, member(constant["fval"], "fval").get<std::string>()};
  if (constant.contains("boolval"))
    return Literal{Literal::Kind::boolean, constant["boolval"].value("boolval", false) ? "true" : "false"};
  return std::nullopt;
}

}  // namespace plumb
