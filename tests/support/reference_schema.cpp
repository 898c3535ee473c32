#include "support/reference_schema.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "migrate/migration_runner.hpp"

namespace plumb::testing {
namespace {

void migrate_to(const ConnectionSettings& settings, std::optional<long long> version) {
  MigrationRunner runner(settings, MigrationHistory(HistoryTable{}), RunnerOptions{});
  runner.up(load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations"), version);
}

std::string incident_sql() {
  const std::string path = std::string(PLUMB_SOURCE_DIR) + "/fixtures/incident.sql";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void apply_reference_schema_at_incident(const TestDatabase& database) { migrate_to(database.settings(), 1); }

void apply_all_migrations(const TestDatabase& database) { migrate_to(database.settings(), std::nullopt); }

void load_incident(const TestDatabase& database) { database.execute(incident_sql()); }

void load_incident_at_migration_1(const std::string& conninfo) {
  migrate_to(ConnectionSettings::from_string(conninfo, "test"), 1);
  pqxx::connection connection(conninfo);
  pqxx::work work(connection);
  work.exec(incident_sql());
  work.commit();
}

}  // namespace plumb::testing
