// Lint rules on statements that remove or rename what the running
// application uses (tables, columns, NOT NULL), or delete more than they say.
// The model rules say the same more sharply when a model names the object.
#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::vector<std::string> dropped_names(const json& drop) {
  std::vector<std::string> names;
  for (const auto& object : child(drop, "objects")) {
    auto parts = string_list(child(child(object, "List"), "items"));
    if (parts.size() == 1) parts.insert(parts.begin(), "public");
    names.push_back(join(parts, "."));
  }
  return names;
}

// The ALTER TABLE commands of `subtype` on a table that existed before the migration.
std::vector<json> alter_commands(const StatementContext& context, const std::string& subtype, std::string& table) {
  const json& tree = context.statement.tree();
  std::vector<json> commands;
  if (!tree.contains("AlterTableStmt")) return commands;
  table = qualified_relation(tree["AlterTableStmt"].at("relation"));
  if (!context.before.existed_before(table)) return commands;
  for (const auto& command : child(tree["AlterTableStmt"], "cmds"))
    if (child(command, "AlterTableCmd").value("subtype", "") == subtype) commands.push_back(command["AlterTableCmd"]);
  return commands;
}

const char* const k_expand_contract =
    "deploy the application without it first (Rails: ignored_columns), then remove it in a later migration";

}  // namespace

std::vector<Finding> drop_table(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("DropStmt") || tree["DropStmt"].value("removeType", "") != "OBJECT_TABLE") return {};
  std::vector<Finding> findings;
  for (const auto& table : dropped_names(tree["DropStmt"]))
    if (context.before.existed_before(table))
      findings.push_back(lint_finding("table " + table, "drops table " + table + ", which existed before this migration", k_expand_contract));
  return findings;
}

std::vector<Finding> drop_column(const StatementContext& context) {
  std::string table;
  std::vector<Finding> findings;
  for (const auto& command : alter_commands(context, "AT_DropColumn", table)) {
    const std::string column = command.value("name", "");
    findings.push_back(lint_finding("column " + table + "." + column, "drops column " + column + " of a table that existed before this migration",
                                    k_expand_contract));
  }
  return findings;
}

std::vector<Finding> drop_database(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("DropdbStmt")) return {};
  const std::string name = tree["DropdbStmt"].value("dbname", "");
  return {lint_finding("database " + name, "drops database " + name, "drop databases by hand, never from a migration")};
}

std::vector<Finding> drop_not_null(const StatementContext& context) {
  std::string table;
  std::vector<Finding> findings;
  for (const auto& command : alter_commands(context, "AT_DropNotNull", table)) {
    const std::string column = command.value("name", "");
    findings.push_back(lint_finding("column " + table + "." + column, "drops NOT NULL from " + column,
                                    "make sure every reader handles NULL before the column can hold one"));
  }
  return findings;
}

std::vector<Finding> rename_table(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("RenameStmt") || tree["RenameStmt"].value("renameType", "") != "OBJECT_TABLE") return {};
  const json& rename = tree["RenameStmt"];
  const std::string table = qualified_relation(child(rename, "relation"));
  if (!context.before.existed_before(table)) return {};
  return {lint_finding("table " + table, "renames table " + table + " to " + rename.value("newname", ""),
                       "create the new table (or a view under the new name), switch the application, then drop the old name")};
}

std::vector<Finding> rename_column(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("RenameStmt") || tree["RenameStmt"].value("renameType", "") != "OBJECT_COLUMN") return {};
  const json& rename = tree["RenameStmt"];
  const std::string table = qualified_relation(child(rename, "relation"));
  if (!context.before.existed_before(table)) return {};
  const std::string column = rename.value("subname", "");
  return {lint_finding("column " + table + "." + column, "renames column " + column + " to " + rename.value("newname", ""),
                       "add the new column, write both, backfill, switch reads, then drop the old column")};
}

std::vector<Finding> truncate_cascade(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("TruncateStmt") || tree["TruncateStmt"].value("behavior", "") != "DROP_CASCADE") return {};
  std::vector<std::string> tables;
  for (const auto& relation : child(tree["TruncateStmt"], "relations"))
    tables.push_back(qualified_relation(child(relation, "RangeVar")));
  return {lint_finding("table " + join(tables, ", "), "TRUNCATE ... CASCADE also empties every table with a foreign key to it",
                       "TRUNCATE the tables by name, each one listed, without CASCADE")};
}

}  // namespace plumb
