#include "support/reference_schema.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "migrate/migration_runner.hpp"

namespace plumb::testing {
namespace {

void migrate_to(const TestDatabase& database, std::optional<long long> version) {
  MigrationRunner runner(database.settings(), MigrationHistory(HistoryTable{}), RunnerOptions{});
  runner.up(load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations"), version);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void apply_reference_schema_at_incident(const TestDatabase& database) { migrate_to(database, 1); }

void apply_all_migrations(const TestDatabase& database) { migrate_to(database, std::nullopt); }

void load_incident(const TestDatabase& database) {
  database.execute(read_file(std::string(PLUMB_SOURCE_DIR) + "/fixtures/incident.sql"));
}

}  // namespace plumb::testing
