#include "lint/parse_tree.hpp"

#include <pg_query.h>

#include <unordered_map>

#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

// Locations differ between two spellings of one expression, and the
// catalog's deparsed form adds casts ("(status)::text = 'running'::text")
// that the migration's text leaves implicit; the rest must not differ.
json without_locations(json node) {
  if (node.is_object() && node.contains("TypeCast")) return without_locations(child(node["TypeCast"], "arg"));
  if (node.is_object()) {
    node.erase("location");
    for (auto& [key, value] : node.items()) value = without_locations(value);
  } else if (node.is_array()) {
    for (auto& value : node) value = without_locations(value);
  }
  return node;
}

}  // namespace

std::optional<json> parse_condition(const std::string& condition) {
  PgQueryParseResult result = pg_query_parse(("SELECT 1 WHERE " + condition).c_str());
  std::optional<json> where;
  if (result.error == nullptr) {
    const json tree = json::parse(result.parse_tree);
    const json& stmts = tree.at("stmts");
    if (stmts.size() == 1) where = child(stmts[0]["stmt"]["SelectStmt"], "whereClause");
  }
  pg_query_free_parse_result(result);
  return where;
}

namespace {

// "lower(email)" for lower() of one column; "expression" for anything else.
IndexKey key_of(const json& element) {
  if (element.contains("name")) return {element["name"].get<std::string>(), false};
  const json& call = child(child(element, "expr"), "FuncCall");
  const auto function = string_list(child(call, "funcname"));
  const auto& args = child(call, "args");
  if (!function.empty() && function.back() == "lower" && args.size() == 1 && args[0].contains("ColumnRef")) {
    const auto column = string_list(child(args[0]["ColumnRef"], "fields"));
    if (!column.empty()) return {"lower(" + column.back() + ")", true};
  }
  return {"expression", true};
}

void add_column_names(const json& create, std::vector<std::string>& names) {
  for (const auto& element : child(create, "tableElts")) {
    if (element.contains("ColumnDef")) names.push_back(element["ColumnDef"].value("colname", ""));
    if (element.contains("Constraint")) names.push_back(element["Constraint"].value("conname", ""));
  }
}

void add_alter_names(const json& alter, std::vector<std::string>& names) {
  for (const auto& command : child(alter, "cmds")) {
    const json& cmd = child(command, "AlterTableCmd");
    const json& def = child(cmd, "def");
    if (def.contains("ColumnDef")) names.push_back(def["ColumnDef"].value("colname", ""));
    if (def.contains("Constraint")) names.push_back(def["Constraint"].value("conname", ""));
  }
}

}  // namespace

const json& child(const json& node, const char* key) {
  static const json k_empty = json::object();
  if (!node.is_object()) return k_empty;
  const auto found = node.find(key);
  return found == node.end() ? k_empty : *found;
}

std::string qualified_relation(const json& range_var) {
  const std::string schema = range_var.value("schemaname", "");
  return (schema.empty() ? "public" : schema) + "." + range_var.value("relname", "");
}

std::vector<std::string> string_list(const json& list) {
  std::vector<std::string> strings;
  for (const auto& item : list)
    if (item.contains("String")) strings.push_back(item["String"].value("sval", ""));
  return strings;
}

Index index_of(const json& index_statement) {
  Index index;
  index.name = index_statement.value("idxname", "");
  index.unique = index_statement.value("unique", false);
  index.nulls_not_distinct = index_statement.value("nulls_not_distinct", false);
  index.method = index_statement.value("accessMethod", "btree");
  for (const auto& param : child(index_statement, "indexParams"))
    index.keys.push_back(key_of(child(param, "IndexElem")));
  return index;
}

bool same_condition(const json& tree, const std::string& condition) {
  const auto parsed = parse_condition(condition);
  return parsed && without_locations(*parsed) == without_locations(tree);
}

std::string ColumnType::to_string() const {
  std::string text = name;
  if (!modifiers.empty()) {
    std::vector<std::string> numbers;
    for (long long modifier : modifiers) numbers.push_back(std::to_string(modifier));
    text += "(" + join(numbers, ",") + ")";
  }
  return array ? text + "[]" : text;
}

ColumnType column_type(const json& type_name) {
  ColumnType type;
  const auto names = string_list(child(type_name, "names"));
  if (!names.empty()) type.name = names.back();
  for (const auto& modifier : child(type_name, "typmods")) {
    const json& value = child(child(modifier, "A_Const"), "ival");
    type.modifiers.push_back(value.value("ival", 0LL));
  }
  type.array = type_name.contains("arrayBounds");
  return type;
}

std::optional<ColumnType> parse_column_type(const std::string& sql) {
  // Replays ask for the same few types over and over (every column an ALTER
  // touches): each parse costs a libpg_query run and a JSON tree. Per
  // thread, as libpg_query's own state is.
  thread_local std::unordered_map<std::string, std::optional<ColumnType>> parsed;
  const auto found = parsed.find(sql);
  if (found != parsed.end()) return found->second;
  PgQueryParseResult result = pg_query_parse(("SELECT NULL::" + sql).c_str());
  std::optional<ColumnType> type;
  if (result.error == nullptr) {
    const json tree = json::parse(result.parse_tree);
    const json& target = tree.at("stmts")[0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"];
    if (target.contains("TypeCast")) type = column_type(child(target["TypeCast"], "typeName"));
  }
  pg_query_free_parse_result(result);
  parsed.emplace(sql, type);
  return type;
}

std::vector<std::string> defined_names(const json& tree) {
  std::vector<std::string> names;
  if (tree.contains("CreateStmt")) {
    names.push_back(tree["CreateStmt"]["relation"].value("relname", ""));
    add_column_names(tree["CreateStmt"], names);
  } else if (tree.contains("IndexStmt")) {
    names.push_back(tree["IndexStmt"].value("idxname", ""));
  } else if (tree.contains("AlterTableStmt")) {
    add_alter_names(tree["AlterTableStmt"], names);
  } else if (tree.contains("RenameStmt")) {
    names.push_back(tree["RenameStmt"].value("newname", ""));
  }
  return names;
}

}  // namespace plumb
