#include "report/schema_report.hpp"

#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::string index_flags(const Index& index) {
  std::vector<std::string> flags;
  if (index.primary) flags.push_back("primary key");
  else if (index.unique) flags.push_back("unique");
  if (index.nulls_not_distinct) flags.push_back("nulls not distinct");
  if (!index.valid) flags.push_back("INVALID");
  if (!index.ready) flags.push_back("not ready");
  if (index.constraint) flags.push_back("constraint " + *index.constraint);
  return flags.empty() ? "" : " [" + join(flags, ", ") + "]";
}

std::string table_text(const Table& table) {
  std::string text = "table " + table.qualified_name() + "\n";
  for (const auto& column : table.columns)
    text += "  column " + column.name + " " + column.type + (column.not_null ? " not null" : "") +
            (column.default_value ? " default " + *column.default_value : "") + "\n";
  for (const auto& index : table.indexes)
    text += "  index " + index.name + " " + index.method + " (" + join(index.key_texts(), ", ") + ")" +
            (index.include.empty() ? "" : " include (" + join(index.include, ", ") + ")") +
            (index.predicate ? " where " + *index.predicate : "") + index_flags(index) + "\n";
  for (const auto& constraint : table.constraints)
    text += std::string("  ") + to_string(constraint.type) + " " + constraint.name + " " + constraint.definition + "\n";
  return text;
}

json index_json(const Index& index) {
  json keys = json::array();
  for (const auto& key : index.keys) keys.push_back({{"text", key.text}, {"expression", key.is_expression}});
  return {{"name", index.name}, {"method", index.method}, {"keys", keys}, {"include", index.include},
          {"unique", index.unique}, {"primary", index.primary}, {"valid", index.valid}, {"ready", index.ready},
          {"nulls_not_distinct", index.nulls_not_distinct},
          {"predicate", index.predicate ? json(*index.predicate) : json(nullptr)},
          {"constraint", index.constraint ? json(*index.constraint) : json(nullptr)}};
}

json constraint_json(const Constraint& constraint) {
  json out = {{"name", constraint.name}, {"type", to_string(constraint.type)}, {"columns", constraint.columns},
              {"definition", constraint.definition}};
  if (constraint.type == ConstraintType::foreign_key) {
    out["references"] = {{"table", constraint.referenced_table}, {"columns", constraint.referenced_columns}};
  } else {
    out["index"] = constraint.index;
  }
  return out;
}

json table_json(const Table& table) {
  json columns = json::array(), indexes = json::array(), constraints = json::array();
  for (const auto& column : table.columns)
    columns.push_back({{"name", column.name}, {"type", column.type}, {"not_null", column.not_null},
                       {"default", column.default_value ? json(*column.default_value) : json(nullptr)}});
  for (const auto& index : table.indexes) indexes.push_back(index_json(index));
  for (const auto& constraint : table.constraints) constraints.push_back(constraint_json(constraint));
  return {{"schema", table.schema}, {"name", table.name}, {"columns", columns},
          {"primary_key", table.primary_key_columns()}, {"indexes", indexes}, {"constraints", constraints}};
}

}  // namespace

std::string render_schema_text(const SchemaSnapshot& schema) {
  std::string text;
  for (const auto& table : schema.tables) text += (text.empty() ? "" : "\n") + table_text(table);
  return text;
}

std::string render_schema_json(const SchemaSnapshot& schema) {
  json tables = json::array();
  for (const auto& table : schema.tables) tables.push_back(table_json(table));
  return json({{"version", 1}, {"tables", tables}}).dump(2) + "\n";
}

}  // namespace plumb
