#include "lint/live_schema.hpp"

#include <algorithm>

#include "lint/migration_layout.hpp"
#include "schema/catalog_reader.hpp"

namespace plumb {

SchemaReplay read_live_schema(pqxx::connection& connection) {
  const SchemaSnapshot snapshot = read_schema_snapshot(connection);
  std::set<std::string> empty_tables;
  pqxx::read_transaction work(connection);
  // One probe per table, LIMIT 1: an empty table is one an index build or a
  // rewrite does not hold up, whatever its statistics say.
  for (const auto& table : snapshot.tables) {
    const std::string name = work.quote_name(table.schema) + "." + work.quote_name(table.name);
    if (work.exec("SELECT 1 FROM " + name + " LIMIT 1").empty()) empty_tables.insert(table.qualified_name());
  }
  work.commit();
  return SchemaReplay(snapshot, empty_tables);
}

std::vector<LintMigration> pending_only(const std::vector<LintMigration>& migrations,
                                        const std::vector<AppliedMigration>& history) {
  std::vector<LintMigration> pending;
  for (const auto& migration : migrations) {
    const bool applied = std::any_of(history.begin(), history.end(), [&](const AppliedMigration& row) {
      return same_version(migration.version, std::to_string(row.version)) && row.counts_as_applied();
    });
    if (!applied) pending.push_back(migration);
  }
  return pending;
}

}  // namespace plumb
