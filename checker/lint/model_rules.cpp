// Lint rules that hold migrations against the models of the rules files:
// what the application promises about uniqueness, and what it still uses.
#include <algorithm>

#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"
#include "schema/uniqueness_match.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::string model_table(const Model& model) { return model.schema + "." + model.table; }

std::vector<const Model*> models_of(const std::vector<Model>& models, const std::string& table) {
  std::vector<const Model*> found;
  for (const auto& model : models)
    if (model_table(model) == table) found.push_back(&model);
  return found;
}

bool model_uses_column(const Model& model, const std::string& column) {
  for (const auto& rule : model.unique)
    if (std::find(rule.columns.begin(), rule.columns.end(), column) != rule.columns.end()) return true;
  return false;
}

std::string describe(const Model& model, const UniquenessRule& rule) {
  std::string text = model.name + "'s uniqueness rule (" + join(rule.columns, ", ") + ")";
  if (rule.condition) text += " where " + *rule.condition;
  return rule.location.known() ? text + " at " + rule.location.to_string() : text;
}

// The index as the rule sees it: a partial index's predicate reads as the
// rule's condition when both parse to the same expression, so that the pure
// comparisons of uniqueness_match apply without a server.
Index as_seen_by(Index index, const ReplayedTable& table, const UniquenessRule& rule) {
  const auto predicate = table.predicates.find(index.name);
  if (predicate == table.predicates.end()) return index;
  index.predicate = rule.condition && same_condition(predicate->second, *rule.condition) ? *rule.condition : "(another condition)";
  return index;
}

Finding removed(const std::string& object, const Model& model, const std::string& what) {
  Finding finding;
  finding.object = object;
  finding.message = what + " that model " + model.name + " still uses";
  finding.fix = "deploy the application without it first, then drop it in a later migration; rename by adding the new name, "
                "copying and switching the application before dropping the old one";
  finding.key = object;
  return finding;
}

std::vector<Finding> removed_columns(const StatementContext& context, const std::string& table, const std::vector<std::string>& columns,
                                     const std::string& verb) {
  std::vector<Finding> findings;
  for (const Model* model : models_of(context.models, table))
    for (const auto& column : columns)
      if (model_uses_column(*model, column)) findings.push_back(removed("column " + table + "." + column, *model, verb + " column " + column));
  return findings;
}

std::vector<Finding> removed_tables(const StatementContext& context, const std::vector<std::string>& tables, const std::string& verb) {
  std::vector<Finding> findings;
  for (const auto& table : tables)
    for (const Model* model : models_of(context.models, table)) findings.push_back(removed("table " + table, *model, verb + " table " + table));
  return findings;
}

std::vector<std::string> dropped_tables(const json& drop) {
  std::vector<std::string> tables;
  if (drop.value("removeType", "") != "OBJECT_TABLE") return tables;
  for (const auto& object : child(drop, "objects")) {
    auto parts = string_list(child(child(object, "List"), "items"));
    if (parts.size() == 1) parts.insert(parts.begin(), "public");
    tables.push_back(join(parts, "."));
  }
  return tables;
}

std::vector<std::string> dropped_columns(const json& alter) {
  std::vector<std::string> columns;
  for (const auto& command : child(alter, "cmds"))
    if (command["AlterTableCmd"].value("subtype", "") == "AT_DropColumn") columns.push_back(command["AlterTableCmd"].value("name", ""));
  return columns;
}

std::vector<Finding> renamed(const StatementContext& context, const json& rename) {
  const std::string type = rename.value("renameType", "");
  if (!rename.contains("relation")) return {};
  const std::string table = qualified_relation(rename["relation"]);
  if (type == "OBJECT_TABLE") return removed_tables(context, {table}, "renames");
  if (type == "OBJECT_COLUMN") return removed_columns(context, table, {rename.value("subname", "")}, "renames");
  return {};
}

}  // namespace

std::vector<Finding> model_object_removed(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (tree.contains("DropStmt")) return removed_tables(context, dropped_tables(tree["DropStmt"]), "drops");
  if (tree.contains("RenameStmt")) return renamed(context, tree["RenameStmt"]);
  if (tree.contains("AlterTableStmt"))
    return removed_columns(context, qualified_relation(tree["AlterTableStmt"].at("relation")), dropped_columns(tree["AlterTableStmt"]), "drops");
  return {};
}

// Judged only when the folder still has the index at its end: a unique index
// that a later migration drops (plumb's own migration 1, the incident's
// index, dropped by migration 2) is history, not a hazard of this checkout.
std::vector<Finding> unique_stricter_than_model(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("IndexStmt") || !tree["IndexStmt"].value("unique", false)) return {};
  const std::string table_name = qualified_relation(tree["IndexStmt"].at("relation"));
  const Index index = index_of(tree["IndexStmt"]);
  if (context.final.table_of_index(index.name) != table_name) return {};
  const ReplayedTable* table = context.final.find(table_name);
  std::vector<std::string> contradicted;
  for (const Model* model : models_of(context.models, table_name))
    for (const auto& rule : model->unique) {
      const auto strictness = stricter_than(as_seen_by(index, *table, rule), rule, table->table);
      if (!strictness) return {};
      contradicted.push_back(describe(*model, rule) + ": " + strictness->explanation);
    }
  if (contradicted.empty()) return {};
  Finding finding;
  finding.object = "index " + index.name + " on " + table_name;
  finding.message = "unique index (" + join(index.key_texts(), ", ") + ") is stricter than " + join(contradicted, "; and than ");
  finding.fix = "make the index enforce the model's rule instead, e.g. CREATE UNIQUE INDEX CONCURRENTLY on the rule's columns";
  finding.key = index.name;
  return {finding};
}

std::vector<Finding> model_rule_unenforced(const FolderContext& context) {
  std::vector<Finding> findings;
  for (const auto& model : context.models) {
    const ReplayedTable* table = context.final.find(model_table(model));
    if (table == nullptr) continue;  // a table this folder never builds: nothing to judge
    for (const auto& rule : model.unique) {
      const bool enforced = std::any_of(table->table.indexes.begin(), table->table.indexes.end(), [&](const Index& index) {
        return enforces(as_seen_by(index, *table, rule), rule, table->table);
      });
      if (enforced) continue;
      Finding finding;
      finding.object = "table " + model_table(model);
      finding.message = "no unique index enforces " + describe(model, rule) + " after the last migration";
      // lower() for case-insensitive columns: a plain index would not enforce the rule.
      std::vector<std::string> keys;
      for (const auto& column : rule.columns)
        keys.push_back(std::count(rule.case_insensitive.begin(), rule.case_insensitive.end(), column) ? "lower(" + column + ")" : column);
      finding.fix = "CREATE UNIQUE INDEX CONCURRENTLY ON " + model.table + " (" + join(keys, ", ") + ")" +
                    (rule.condition ? " WHERE " + *rule.condition : "") + ", after removing existing duplicates";
      finding.location = rule.location;
      finding.key = model.name + ":" + join(rule.columns, ",");
      findings.push_back(finding);
    }
  }
  return findings;
}

}  // namespace plumb
