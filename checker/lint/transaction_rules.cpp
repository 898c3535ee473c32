// Lint rules on how a migration file uses transactions and timeouts: BEGIN
// and COMMIT against the tool's own transaction, locks held to the end of
// one, waits for a lock without lock_timeout, and statements that fail when
// a half-run file is run again.
#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::string transaction_kind(const json& tree) {
  return tree.contains("TransactionStmt") ? tree["TransactionStmt"].value("kind", "") : "";
}

bool is_begin(const std::string& kind) { return kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START"; }
bool is_end(const std::string& kind) { return kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK"; }

// golang-migrate and Prisma send the file as one multi-statement query: its
// implicit transaction becomes the file's own block at a BEGIN, harmlessly.
bool explicit_tool_transaction(const LintMigration& migration) {
  return migration.transactional && migration.layout != "golang-migrate" && migration.layout != "prisma";
}

bool only_validates(const json& alter) {
  for (const auto& command : child(alter, "cmds")) {
    const std::string subtype = child(command, "AlterTableCmd").value("subtype", "");
    if (subtype != "AT_ValidateConstraint") return false;
  }
  return true;
}

std::optional<std::string> first_relation(const json& node, const char* key) {
  if (!node.contains(key)) return std::nullopt;
  return qualified_relation(node[key]);
}

// The table a statement locks in a mode that queues reads or writes behind
// it (SHARE or stronger), or nullopt.
std::optional<std::string> strongly_locked_table(const SqlStatement& statement, const SchemaReplay& before) {
  const json& tree = statement.tree();
  if (tree.contains("AlterTableStmt") && !only_validates(tree["AlterTableStmt"])) return first_relation(tree["AlterTableStmt"], "relation");
  if (tree.contains("IndexStmt") && !tree["IndexStmt"].value("concurrent", false)) return first_relation(tree["IndexStmt"], "relation");
  if (tree.contains("RenameStmt")) return first_relation(tree["RenameStmt"], "relation");
  if (tree.contains("CreateTrigStmt")) return first_relation(tree["CreateTrigStmt"], "relation");
  if (tree.contains("TruncateStmt")) {
    const auto& relations = child(tree["TruncateStmt"], "relations");
    if (!relations.empty()) return qualified_relation(child(relations[0], "RangeVar"));
  }
  if (tree.contains("DropStmt") && !tree["DropStmt"].value("concurrent", false)) {
    const json& drop = tree["DropStmt"];
    for (const auto& object : child(drop, "objects")) {
      auto parts = string_list(child(child(object, "List"), "items"));
      if (parts.empty()) continue;
      if (drop.value("removeType", "") == "OBJECT_INDEX") return before.table_of_index(parts.back());
      if (drop.value("removeType", "") == "OBJECT_TABLE") return (parts.size() == 1 ? "public." : "") + join(parts, ".");
    }
  }
  return std::nullopt;
}

bool takes_strong_lock(const SqlStatement& statement, const SchemaReplay& before) {
  const auto table = strongly_locked_table(statement, before);
  return table && before.existed_before(*table);
}

// What a re-run of a half-run file trips over, or "" when it is safe to repeat.
std::string not_repeatable(const json& tree) {
  if (tree.contains("IndexStmt") && !tree["IndexStmt"].value("if_not_exists", false)) return "CREATE INDEX without IF NOT EXISTS";
  if (tree.contains("CreateStmt") && !tree["CreateStmt"].value("if_not_exists", false)) return "CREATE TABLE without IF NOT EXISTS";
  if (tree.contains("DropStmt") && !tree["DropStmt"].value("missing_ok", false)) return "DROP without IF EXISTS";
  if (!tree.contains("AlterTableStmt")) return "";
  for (const auto& command : child(tree["AlterTableStmt"], "cmds")) {
    const json& cmd = child(command, "AlterTableCmd");
    const std::string subtype = cmd.value("subtype", "");
    if (subtype == "AT_AddColumn" && !cmd.value("missing_ok", false)) return "ADD COLUMN without IF NOT EXISTS";
    if (subtype == "AT_DropColumn" && !cmd.value("missing_ok", false)) return "DROP COLUMN without IF EXISTS";
  }
  return "";
}

}  // namespace

// One finding per nesting: at an inner BEGIN, or at a COMMIT that ends the
// tool's own transaction (a COMMIT closing the file's BEGIN is the BEGIN's).
std::vector<Finding> transaction_nesting(const StatementContext& context) {
  const std::string kind = transaction_kind(context.statement.tree());
  const std::string object = "migration " + context.migration.path;
  const int open = context.progress.open_begin_line();
  if (is_begin(kind) && open != 0)
    return {lint_finding(object, "BEGIN inside the transaction opened at line " + std::to_string(open),
                         "remove the inner BEGIN: PostgreSQL ignores it, and its COMMIT ends the outer transaction")};
  const bool tool_transaction = explicit_tool_transaction(context.migration) && context.progress.tool_transaction();
  if (!tool_transaction || open != 0 || (!is_begin(kind) && !is_end(kind))) return {};
  return {lint_finding(object,
                       std::string(is_begin(kind) ? "BEGIN" : "COMMIT or ROLLBACK") + " in a file " + context.migration.layout +
                           " already runs in a transaction",
                       "remove BEGIN and COMMIT from the file and let the tool's transaction cover it, or turn the tool's transaction off for this file")};
}

std::vector<Finding> uncommitted_transaction(const MigrationContext& context) {
  const int line = context.progress.open_begin_line();
  if (line == 0) return {};
  Finding finding = lint_finding("migration " + context.migration.path, "the BEGIN at line " + std::to_string(line) + " is never committed",
                                 "end the file with COMMIT");
  finding.location = SourceLocation{context.migration.path, line, 1};
  return {finding};
}

std::vector<Finding> validate_in_same_transaction(const StatementContext& context) {
  return each_alter_command(context, [&context](const std::string& table, const json& command) -> std::optional<Finding> {
    if (command.value("subtype", "") != "AT_ValidateConstraint") return std::nullopt;
    const std::string name = command.value("name", "");
    const int added = context.progress.added_not_valid_in_transaction(table + "." + name);
    if (added == 0) return std::nullopt;
    return lint_finding("constraint " + name + " on " + table,
                        "VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT ... NOT VALID at line " +
                            std::to_string(added) + ": the scan runs while that lock is still held",
                        "commit between the two: VALIDATE in a later migration (or after a COMMIT in a file run outside a transaction)");
  });
}

// plumb's own runner sets lock_timeout (--lock-timeout) and retries, so
// plumb's layout never needs the SET.
std::vector<Finding> require_timeout_settings(const StatementContext& context) {
  if (context.migration.layout == "plumb" || context.progress.lock_timeout_set()) return {};
  if (!takes_strong_lock(context.statement, context.before)) return {};
  for (const auto& earlier : context.migration.statements) {
    if (&earlier == &context.statement) break;
    if (takes_strong_lock(earlier, context.before)) return {};  // reported once per file, at its first such statement
  }
  const auto table = strongly_locked_table(context.statement, context.before);
  Finding finding = lint_finding("migration " + context.migration.path,
                                 "takes a strong lock on " + *table + " with no lock_timeout set before it in the file",
                                 "start the file with SET lock_timeout = '5s' (and retry the migration when it times out)");
  finding.key = context.migration.path;
  return {finding};
}

std::vector<Finding> robust_statements(const StatementContext& context) {
  if (context.progress.in_transaction()) return {};
  const json& tree = context.statement.tree();
  const bool concurrent_build = tree.contains("IndexStmt") && tree["IndexStmt"].value("concurrent", false);
  // A file of one statement that fails has done nothing, unless it is a
  // CONCURRENTLY build, which leaves an INVALID index behind. plumb's own
  // runner drops such an index before it retries.
  if (context.migration.statements.size() < 2 && !concurrent_build) return {};
  if (concurrent_build && context.migration.layout == "plumb") return {};
  const std::string what = not_repeatable(tree);
  if (what.empty()) return {};
  Finding finding = lint_finding("migration " + context.migration.path,
                                 what + " in a migration outside a transaction: a re-run after a failure stops here",
                                 "write IF NOT EXISTS / IF EXISTS so that the statement can run twice");
  finding.key = context.migration.path + ":" + std::to_string(context.statement.where().line);
  return {finding};
}

}  // namespace plumb
