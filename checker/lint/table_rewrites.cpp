// Lint rules on ALTER TABLE commands that scan or rewrite a table the
// application is using while they hold a lock that stops it, or that fail
// on a table with rows.
#include <set>

#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"

namespace plumb {

std::vector<Finding> each_alter_command(const StatementContext& context, const AlterCommandCheck& check) {
  const nlohmann::json& tree = context.statement.tree();
  if (!tree.contains("AlterTableStmt")) return {};
  const std::string table = qualified_relation(tree["AlterTableStmt"].at("relation"));
  if (!context.before.existed_before(table)) return {};
  std::vector<Finding> findings;
  for (const auto& command : child(tree["AlterTableStmt"], "cmds"))
    if (auto finding = check(table, child(command, "AlterTableCmd"))) findings.push_back(*finding);
  return findings;
}

namespace {

using nlohmann::json;

// The constraints a command adds: ADD CONSTRAINT's one, or those written
// inline in ADD COLUMN (`c int REFERENCES t (id)`, `c text UNIQUE`).
std::vector<const json*> added_constraints(const json& command) {
  const std::string subtype = command.value("subtype", "");
  const json& def = child(command, "def");
  if (subtype == "AT_AddConstraint" && def.contains("Constraint")) return {&def["Constraint"]};
  std::vector<const json*> constraints;
  if (subtype != "AT_AddColumn") return constraints;
  for (const auto& constraint : child(child(def, "ColumnDef"), "constraints")) constraints.push_back(&child(constraint, "Constraint"));
  return constraints;
}

const json& added_column(const json& command) {
  static const json k_none = json::object();
  if (command.value("subtype", "") != "AT_AddColumn") return k_none;
  return child(command, "def").contains("ColumnDef") ? command["def"]["ColumnDef"] : k_none;
}

bool has_constraint(const json& column, const std::set<std::string>& types) {
  for (const auto& constraint : child(column, "constraints"))
    if (types.count(child(constraint, "Constraint").value("contype", "")) != 0) return true;
  return false;
}

bool is_serial(const json& column) {
  static const std::set<std::string> k_serials = {"serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"};
  return k_serials.count(column_type(child(column, "typeName")).name) != 0;
}

// Functions whose value differs per row, so that PostgreSQL must write it
// into every existing row (a constant or now() is stored once in the
// catalog); and functions the folder created VOLATILE.
bool calls_volatile_function(const json& node, const SchemaReplay& replay) {
  static const std::set<std::string> k_volatile = {"random", "gen_random_uuid", "uuid_generate_v4",
                                                   "uuid_generate_v1", "clock_timestamp", "timeofday", "nextval"};
  if (node.is_object() && node.contains("FuncCall")) {
    const auto name = string_list(child(node["FuncCall"], "funcname"));
    if (!name.empty() && (k_volatile.count(name.back()) != 0 || replay.is_volatile_function(name.back()))) return true;
  }
  if (!node.is_structured()) return false;
  for (const auto& child : node)
    if (calls_volatile_function(child, replay)) return true;
  return false;
}

bool is_string_type(const ColumnType& type) { return type.name == "varchar" || type.name == "text"; }

// True when PostgreSQL changes the catalog only: the same type, a string
// type to text or unbounded varchar, a varchar or numeric widened.
bool rewrite_free_change(const ColumnType& from, const ColumnType& to) {
  if (from.array != to.array) return false;
  if (from.name == to.name && from.modifiers == to.modifiers) return true;
  if (is_string_type(to) && to.modifiers.empty()) return is_string_type(from);
  if (to.name == "varchar" && from.name == "varchar") return !from.modifiers.empty() && from.modifiers[0] <= to.modifiers[0];
  if (to.name == "numeric" && from.name == "numeric") {
    if (to.modifiers.empty()) return true;
    return from.modifiers.size() == 2 && to.modifiers.size() == 2 && from.modifiers[1] == to.modifiers[1] &&
           from.modifiers[0] <= to.modifiers[0];
  }
  return false;
}

// Without the old type (a table the folder never created, no --db), only a
// change to text or unbounded varchar is taken as free, as PostgreSQL does
// for every string type; any other change is judged a rewrite.
bool rewrite_free(const StatementContext& context, const std::string& table, const json& command) {
  const json& definition = child(child(command, "def"), "ColumnDef");
  if (definition.contains("raw_default")) return false;  // USING: a new value for every row
  const ColumnType to = column_type(child(definition, "typeName"));
  const auto from = context.before.column_type_of(table, command.value("name", ""));
  if (from) return rewrite_free_change(*from, to);
  return is_string_type(to) && to.modifiers.empty() && !to.array;
}

}  // namespace

std::vector<Finding> unique_constraint_without_index(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    for (const json* added : added_constraints(command)) {
      const json& constraint = *added;
      const std::string type = constraint.value("contype", "");
      if ((type != "CONSTR_UNIQUE" && type != "CONSTR_PRIMARY") || constraint.contains("indexname")) continue;
      const std::string what = type == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY";
      const bool inline_column = command.value("subtype", "") == "AT_AddColumn";
      return lint_finding("constraint " + constraint.value("conname", "") + " on " + table,
                          (inline_column ? "ADD COLUMN ... " + what : "ADD CONSTRAINT " + what) + " builds its index while the table is locked",
                          "CREATE UNIQUE INDEX CONCURRENTLY first (in a no-transaction migration), then ADD CONSTRAINT ... USING INDEX");
    }
    return std::nullopt;
  });
}

std::vector<Finding> constraint_without_not_valid(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    for (const json* added : added_constraints(command)) {
      const json& constraint = *added;
      const std::string type = constraint.value("contype", "");
      if ((type != "CONSTR_FOREIGN" && type != "CONSTR_CHECK") || constraint.value("skip_validation", false)) continue;
      const std::string name = constraint.value("conname", "");
      const std::string what = type == "CONSTR_FOREIGN" ? "foreign key" : "check constraint";
      if (command.value("subtype", "") == "AT_AddColumn")
        return lint_finding("column " + table + "." + added_column(command).value("colname", ""),
                            what + " written inline in ADD COLUMN: it is validated at once, scanning the table under the lock",
                            "ADD COLUMN without it, then ADD CONSTRAINT ... NOT VALID and, in a later transaction, VALIDATE CONSTRAINT");
      return lint_finding("constraint " + name + " on " + table, what + " added without NOT VALID",
                          "ADD CONSTRAINT ... NOT VALID, then in a later transaction ALTER TABLE ... VALIDATE CONSTRAINT " + name +
                              " (it scans without blocking writes)");
    }
    return std::nullopt;
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
    return lint_finding("column " + table + "." + column, "SET NOT NULL with no validated CHECK (" + column + " IS NOT NULL) before it",
                        "ADD CONSTRAINT " + column + "_not_null CHECK (" + column + " IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT " +
                            column + "_not_null; then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check");
  });
}

std::vector<Finding> column_type_rewrite(const StatementContext& context) {
  return each_alter_command(context, [&context](const std::string& table, const json& command) -> std::optional<Finding> {
    if (command.value("subtype", "") != "AT_AlterColumnType" || rewrite_free(context, table, command)) return std::nullopt;
    const std::string column = command.value("name", "");
    const auto from = context.before.column_type_of(table, column);
    return lint_finding("column " + table + "." + column,
                        "ALTER COLUMN " + column + " TYPE" + (from ? " (from " + from->to_string() + ")" : "") +
                            " rewrites the table and rebuilds its indexes",
                        "add a new column of the new type, backfill it in batches, switch the application, then drop the old column");
  });
}

std::vector<Finding> volatile_default(const StatementContext& context) {
  return each_alter_command(context, [&context](const std::string& table, const json& command) -> std::optional<Finding> {
    const json& column = added_column(command);
    for (const auto& constraint : child(column, "constraints")) {
      const json& definition = child(constraint, "Constraint");
      if (definition.value("contype", "") != "CONSTR_DEFAULT" || !calls_volatile_function(child(definition, "raw_expr"), context.before))
        continue;
      const std::string name = column.value("colname", "");
      return lint_finding("column " + table + "." + name, "column " + name + " added with a volatile default",
                          "add the column without a default, set the default with ALTER COLUMN ... SET DEFAULT, backfill existing rows in batches");
    }
    return std::nullopt;
  });
}

std::vector<Finding> generated_column_rewrite(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    const json& column = added_column(command);
    const bool identity = has_constraint(column, {"CONSTR_IDENTITY"}), generated = has_constraint(column, {"CONSTR_GENERATED"});
    if (!identity && !generated && !is_serial(column)) return std::nullopt;
    const std::string name = column.value("colname", "");
    const std::string what = identity ? "an IDENTITY column" : generated ? "a stored generated column" : "a serial column";
    return lint_finding("column " + table + "." + name, "column " + name + " added as " + what + ": every existing row gets its value now",
                        "add a plain nullable column, fill it in batches (a trigger or the application keeps new rows filled), "
                        "then attach the default, sequence or constraint");
  });
}

std::vector<Finding> adding_required_column(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    const json& column = added_column(command);
    if (!has_constraint(column, {"CONSTR_NOTNULL", "CONSTR_PRIMARY"})) return std::nullopt;
    if (has_constraint(column, {"CONSTR_DEFAULT", "CONSTR_IDENTITY", "CONSTR_GENERATED"}) || is_serial(column)) return std::nullopt;
    const std::string name = column.value("colname", "");
    return lint_finding("column " + table + "." + name, "NOT NULL column " + name + " added without a default",
                        "add it with a constant DEFAULT (PostgreSQL 11+ stores it without a rewrite), or nullable, backfill, "
                        "then SET NOT NULL behind a validated CHECK");
  });
}

}  // namespace plumb
