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
  for (const auto& object : drop.value("objects", json::array())) {
    const auto parts = string_list(object.value("List", json::object()).value("items", json::array()));
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

}  // namespace

std::vector<Finding> index_without_concurrently(const StatementContext& context) {
  const json& tree = context.statement.tree();
  if (tree.contains("IndexStmt")) return create_index_findings(context, tree["IndexStmt"]);
  if (tree.contains("DropStmt")) return drop_index_findings(context, tree["DropStmt"]);
  return {};
}

std::vector<Finding> concurrently_in_transaction(const StatementContext& context) {
  if (!context.migration.transactional || !needs_autocommit(context.statement)) return {};
  Finding finding;
  finding.object = "migration " + context.migration.path;
  finding.message = "this statement cannot run inside a transaction, and " + context.migration.layout + " runs this migration in one";
  if (context.migration.layout == "dbmate") finding.fix = "write '-- migrate:up transaction:false' and keep the statement alone in its migration";
  else if (context.migration.layout == "golang-migrate") finding.fix = "keep the statement alone in its file: several statements run as one implicit transaction";
  else finding.fix = "move the statement into a migration of its own that runs outside a transaction (Flyway: executeInTransaction=false)";
  finding.key = context.migration.path + ":" + std::to_string(context.statement.where().line);
  return {finding};
}

}  // namespace plumb
