// Lint rules on ALTER TABLE commands that scan or rewrite a table the
// application is using while they hold a lock that stops it.
#include <functional>
#include <set>

#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"

namespace plumb {
namespace {

using nlohmann::json;
using CommandCheck = std::function<std::optional<Finding>(const std::string& table, const json& command)>;

// Runs `check` on each ALTER TABLE command of the statement, when its table
// existed before the migration: a table created by the same migration is
// empty and unused, so nothing waits on its lock.
std::vector<Finding> each_alter_command(const StatementContext& context, const CommandCheck& check) {
  const json& tree = context.statement.tree();
  if (!tree.contains("AlterTableStmt")) return {};
  const std::string table = qualified_relation(tree["AlterTableStmt"].at("relation"));
  if (!context.before.existed_before(table)) return {};
  std::vector<Finding> findings;
  for (const auto& command : tree["AlterTableStmt"].value("cmds", json::array()))
    if (auto finding = check(table, command.value("AlterTableCmd", json::object()))) findings.push_back(*finding);
  return findings;
}

Finding finding_on(const std::string& object, const std::string& message, const std::string& fix) {
  Finding finding;
  finding.object = object;
  finding.message = message;
  finding.fix = fix;
  finding.key = object;
  return finding;
}

const json& added_constraint(const json& command) {
  static const json k_none = json::object();
  if (command.value("subtype", "") != "AT_AddConstraint") return k_none;
  return command.value("def", json::object()).contains("Constraint") ? command["def"]["Constraint"] : k_none;
}

// Functions whose value differs per row, so that PostgreSQL must write it
// into every existing row (a constant or now() is stored once in the catalog).
bool calls_volatile_function(const json& node) {
  static const std::set<std::string> k_volatile = {"random", "gen_random_uuid", "uuid_generate_v4",
                                                   "uuid_generate_v1", "clock_timestamp", "timeofday", "nextval"};
  if (node.is_object() && node.contains("FuncCall")) {
    const auto name = string_list(node["FuncCall"].value("funcname", json::array()));
    if (!name.empty() && k_volatile.count(name.back()) != 0) return true;
  }
  if (!node.is_structured()) return false;
  for (const auto& child : node) if (calls_volatile_function(child)) return true;
  return false;
}

// varchar or text without a length: binary-compatible with varchar and text,
// so PostgreSQL changes the catalog only.
bool rewrite_free_type(const json& column_definition) {
  const json& type = column_definition.value("typeName", json::object());
  const auto names = string_list(type.value("names", json::array()));
  if (names.empty() || column_definition.contains("raw_default")) return false;
  return (names.back() == "text" || names.back() == "varchar") && !type.contains("typmods");
}

}  // namespace

std::vector<Finding> unique_constraint_without_index(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    const json& constraint = added_constraint(command);
    const std::string type = constraint.value("contype", "");
    if ((type != "CONSTR_UNIQUE" && type != "CONSTR_PRIMARY") || constraint.contains("indexname")) return std::nullopt;
    return finding_on("constraint " + constraint.value("conname", "") + " on " + table,
                      (type == "CONSTR_UNIQUE" ? "ADD CONSTRAINT UNIQUE" : "ADD CONSTRAINT PRIMARY KEY") +
                          std::string(" builds its index while the table is locked"),
                      "CREATE UNIQUE INDEX CONCURRENTLY first (in a no-transaction migration), then ADD CONSTRAINT ... USING INDEX");
  });
}

std::vector<Finding> constraint_without_not_valid(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    const json& constraint = added_constraint(command);
    const std::string type = constraint.value("contype", "");
    if ((type != "CONSTR_FOREIGN" && type != "CONSTR_CHECK") || constraint.value("skip_validation", false)) return std::nullopt;
    const std::string name = constraint.value("conname", "");
    return finding_on("constraint " + name + " on " + table,
                      std::string(type == "CONSTR_FOREIGN" ? "foreign key" : "check constraint") + " added without NOT VALID",
                      "ADD CONSTRAINT ... NOT VALID, then in a later statement ALTER TABLE ... VALIDATE CONSTRAINT " + name +
                          " (it scans without blocking writes)");
  });
}

std::vector<Finding> set_not_null_without_check(const StatementContext& context) {
  const ReplayedTable* known = nullptr;
  if (context.statement.tree().contains("AlterTableStmt"))
    known = context.before.find(qualified_relation(context.statement.tree()["AlterTableStmt"].at("relation")));
  return each_alter_command(context, [known](const std::string& table, const json& command) -> std::optional<Finding> {
    const std::string column = command.value("name", "");
    if (command.value("subtype", "") != "AT_SetNotNull") return std::nullopt;
    if (known != nullptr && known->validated_not_null.count(column) != 0) return std::nullopt;
    return finding_on("column " + table + "." + column, "SET NOT NULL with no validated CHECK (" + column + " IS NOT NULL) before it",
                      "ADD CONSTRAINT " + column + "_not_null CHECK (" + column + " IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT " +
                          column + "_not_null; then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check");
  });
}

std::vector<Finding> column_type_rewrite(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    if (command.value("subtype", "") != "AT_AlterColumnType") return std::nullopt;
    if (rewrite_free_type(command.value("def", json::object()).value("ColumnDef", json::object()))) return std::nullopt;
    const std::string column = command.value("name", "");
    return finding_on("column " + table + "." + column, "ALTER COLUMN " + column + " TYPE rewrites the table and rebuilds its indexes",
                      "add a new column of the new type, backfill it in batches, switch the application, then drop the old column");
  });
}

std::vector<Finding> volatile_default(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    if (command.value("subtype", "") != "AT_AddColumn") return std::nullopt;
    const json& column = command.value("def", json::object()).value("ColumnDef", json::object());
    for (const auto& constraint : column.value("constraints", json::array())) {
      const json& definition = constraint.value("Constraint", json::object());
      if (definition.value("contype", "") != "CONSTR_DEFAULT" || !calls_volatile_function(definition.value("raw_expr", json())))
        continue;
      const std::string name = column.value("colname", "");
      return finding_on("column " + table + "." + name, "column " + name + " added with a volatile default",
                        "add the column without a default, set the default with ALTER COLUMN ... SET DEFAULT, backfill existing rows in batches");
    }
    return std::nullopt;
  });
}

}  // namespace plumb
