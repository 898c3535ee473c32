#include "support/reference_schema.hpp"

#include <optional>

#include "migrate/migration_runner.hpp"

namespace plumb::testing {
namespace {

void migrate_to(const TestDatabase& database, std::optional<long long> version) {
  MigrationRunner runner(database.settings(), MigrationHistory(HistoryTable{}), RunnerOptions{});
  runner.up(load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations"), version);
}

}  // namespace

void apply_reference_schema_at_incident(const TestDatabase& database) { migrate_to(database, 1); }

void apply_all_migrations(const TestDatabase& database) { migrate_to(database, std::nullopt); }

}  // namespace plumb::testing
