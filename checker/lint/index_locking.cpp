// Lint rules on index builds and drops: the locks they take on tables the
// application is using, and CONCURRENTLY where it cannot run.
#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"
#include "migrate/statement_lock.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::vector<Finding> create_index_findings(const StatementContext& context, const json& create) {
  const std::string table = qualified_relation(create.at("relation"));
  if (create.value("concurrent", false) || !context.before.existed_before(table)) return {};
  const std::string name = create.value("idxname", "");
  Finding finding;
  finding.object = "index " + name + " on " + table;
  finding.message = "CREATE INDEX without CONCURRENTLY on " + table + ", which existed before this migration";
  finding.fix = "CREATE INDEX CONCURRENTLY, alone in a migration that runs outside a transaction (plumb: '-- plumb:no-transaction')";
  finding.key = name + "@" + table;
  return {finding};
}

std::vector<Finding> drop_index_findings(const StatementContext& context, const json& drop) {
  if (drop.value("removeType", "") != "OBJECT_INDEX" || drop.value("concurrent", false)) return {};
  std::vector<Finding> findings;
  for (const auto& object : child(drop, "objects")) {
    const auto parts = string_list(child(child(object, "List"), "items"));
    if (parts.empty()) continue;
    const auto table = context.before.table_of_index(parts.back());
    // An index the replay does not know is on a table that exists outside the folder.
    if (table && !context.before.existed_before(*table)) continue;
    Finding finding;
    finding.object = "index " + parts.back() + (table ? " on " + *table : "");
    finding.message = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table";
    finding.fix = "DROP INDEX CONCURRENTLY, alone in a migration that runs outside a transaction (plumb: '-- plumb:no-transaction')";
    finding.key = parts.back();
    findings.push_back(finding);
  }
  return findings;
}

// DETACH PARTITION ... CONCURRENTLY: refused in a transaction like the index builds.
bool detaches_concurrently(const json& tree) {
  if (!tree.contains("AlterTableStmt")) return false;
  for (const auto& command : child(tree["AlterTableStmt"], "cmds")) {
    const json& cmd = child(command, "AlterTableCmd");
    if (cmd.value("subtype", "") == "AT_DetachPartition" &&
        child(child(cmd, "def"), "PartitionCmd").value("concurrent", false))
      return true;
  }
  return false;
}

std::string outside_transaction_fix(const std::string& layout) {
  if (layout == "dbmate") return "write '-- migrate:up transaction:false' and keep the statement alone in its migration";
  if (layout == "golang-migrate" || layout == "prisma")
    return "keep the statement alone in its file: several statements run as one implicit transaction";
  if (layout == "diesel") return "keep the statement alone in its migration, with run_in_transaction = false in its metadata.toml";
  if (layout == "flyway") return "move the statement into a migration of its own (Flyway runs such a file outside a transaction with executeInTransaction=false)";
  return "move the statement into a migration of its own that runs outside a transaction (plumb: '-- plumb:no-transaction')";
}

}  // namespace

std::vector<Finding> index_without_concurrently(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (tree.contains("IndexStmt")) return create_index_findings(context, tree["IndexStmt"]);
  if (tree.contains("DropStmt")) return drop_index_findings(context, tree["DropStmt"]);
  return {};
}

std::vector<Finding> concurrently_in_transaction(const StatementContext& context) {
  if (!context.progress.in_transaction() || (!needs_autocommit(context.statement) && !detaches_concurrently(context.statement.tree())))
    return {};
  const int begin = context.progress.open_begin_line();
  Finding finding = lint_finding("migration " + context.migration.path, "", "");
  if (begin != 0 && !context.progress.tool_transaction()) {
    finding.message = "this statement cannot run inside a transaction, and the BEGIN at line " + std::to_string(begin) + " opened one";
    finding.fix = "move the statement after the COMMIT, or into a file of its own";
  } else {
    finding.message = "this statement cannot run inside a transaction, and " + context.migration.layout + " runs this migration in one";
    finding.fix = outside_transaction_fix(context.migration.layout);
  }
  finding.key = context.migration.path + ":" + std::to_string(context.statement.where().line);
  return {finding};
}

std::vector<Finding> reindex_without_concurrently(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (!tree.contains("ReindexStmt") || needs_autocommit(context.statement)) return {};
  const json& reindex = tree["ReindexStmt"];
  const std::string kind = reindex.value("kind", "");
  const std::string name = reindex.contains("relation") ? qualified_relation(reindex["relation"]) : reindex.value("name", "");
  if (kind == "REINDEX_OBJECT_TABLE" && !context.before.existed_before(name)) return {};
  return {lint_finding(std::string(kind == "REINDEX_OBJECT_INDEX" ? "index " : "relation ") + name,
                       "REINDEX without CONCURRENTLY locks out writes (and reads through the index) while it rebuilds",
                       "REINDEX ... CONCURRENTLY (PostgreSQL 12+), alone in a migration that runs outside a transaction")};
}

std::vector<Finding> detach_partition_without_concurrently(const StatementContext& context) {
  return each_alter_command(context, [](const std::string& table, const json& command) -> std::optional<Finding> {
    if (command.value("subtype", "") != "AT_DetachPartition") return std::nullopt;
    const json& partition = child(child(command, "def"), "PartitionCmd");
    if (partition.value("concurrent", false)) return std::nullopt;
    return lint_finding("partition " + qualified_relation(child(partition, "name")) + " of " + table,
                        "DETACH PARTITION without CONCURRENTLY locks the partitioned table against reads and writes",
                        "DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), alone in a migration outside a transaction");
  });
}

}  // namespace plumb
