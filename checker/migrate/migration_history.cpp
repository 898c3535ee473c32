#include "migrate/migration_history.hpp"

#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {

HistoryTable HistoryTable::parse(const std::string& text) {
  const auto parts = split(text, '.');
  for (const auto& part : parts)
    if (part.empty() || parts.size() > 2)
      throw InputError("--history-table: '" + text + "' is not [SCHEMA.]NAME");
  if (parts.size() == 1) return HistoryTable{"public", parts[0]};
  return HistoryTable{parts[0], parts[1]};
}

std::string MigrationHistory::quoted(pqxx::transaction_base& work) const {
  return work.quote_name(m_table.schema) + "." + work.quote_name(m_table.name);
}

void MigrationHistory::ensure_exists(pqxx::connection& connection) const {
  pqxx::work work(connection);
  // Two runners may race here before either holds the runner lock; IF NOT
  // EXISTS plus a retry-free design is enough because only the lock holder writes rows.
  work.exec("CREATE SCHEMA IF NOT EXISTS " + work.quote_name(m_table.schema));
  work.exec("CREATE TABLE IF NOT EXISTS " + quoted(work) + R"( (
  version bigint PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms bigint NOT NULL,
  applied_by text NOT NULL DEFAULT current_user,
  client_host text NOT NULL DEFAULT coalesce(host(inet_client_addr()), 'local'),
  outcome text NOT NULL
))");
  work.commit();
}

std::vector<AppliedMigration> MigrationHistory::read(pqxx::connection& connection) const {
  pqxx::read_transaction work(connection);
  const auto exists = work.exec_params1("SELECT to_regclass($1) IS NOT NULL", quoted(work));
  if (!exists[0].as<bool>()) return {};
  const auto rows = work.exec(
      "SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "duration_ms, applied_by, client_host, outcome FROM " + quoted(work) + " ORDER BY version");
  std::vector<AppliedMigration> history;
  for (const auto& row : rows)
    history.push_back({row[0].as<long long>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<long long>(), row[5].as<std::string>(),
                       row[6].as<std::string>(), row[7].as<std::string>()});
  return history;
}

void MigrationHistory::record(pqxx::transaction_base& work, const MigrationFile& migration,
                              long long duration_ms, const std::string& outcome) const {
  work.exec_params("INSERT INTO " + quoted(work) +
                       " (version, name, checksum, duration_ms, outcome) VALUES ($1, $2, $3, $4, $5) "
                       "ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, "
                       "applied_at = now(), duration_ms = excluded.duration_ms, applied_by = current_user, "
                       "client_host = coalesce(host(inet_client_addr()), 'local'), outcome = excluded.outcome",
                   migration.version, migration.name, migration.checksum, duration_ms, outcome);
}

void MigrationHistory::forget(pqxx::transaction_base& work, long long version) const {
  work.exec_params("DELETE FROM " + quoted(work) + " WHERE version = $1", version);
}

}  // namespace plumb
