#include "migrate/migration_history.hpp"

#include <nlohmann/json.hpp>

#include <iterator>

#include "util/errors.hpp"
#include "util/text.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {
namespace {

// The columns added after the first format (version ... outcome); an older
// table gets them on the next `up`, `baseline` or `repair`.
const char* const k_added_columns[] = {"reason", "previous_checksum", "error"};

std::string text_of(const nlohmann::json& row, const char* column) {
  const auto value = row.find(column);
  return value == row.end() || value->is_null() ? "" : value->get<std::string>();
}

AppliedMigration row_of(const nlohmann::json& row, const std::string& applied_at) {
  AppliedMigration applied;
  applied.version = row.at("version").get<long long>();
  applied.name = text_of(row, "name");
  applied.checksum = text_of(row, "checksum");
  applied.applied_at = applied_at;
  applied.duration_ms = row.value("duration_ms", 0LL);
  applied.applied_by = text_of(row, "applied_by");
  applied.client_host = text_of(row, "client_host");
  applied.outcome = text_of(row, "outcome");
  applied.reason = text_of(row, "reason");
  applied.previous_checksum = text_of(row, "previous_checksum");
  applied.error = text_of(row, "error");
  return applied;
}

}  // namespace

bool AppliedMigration::counts_as_applied() const {
  return outcome == "applied" || outcome == "baselined" || outcome == "repaired";
}

HistoryTable HistoryTable::parse(const std::string& text) {
  try {
    const QualifiedName name = QualifiedName::parse(text);
    return HistoryTable{name.schema_or("public"), name.name};
  } catch (const InputError&) {
    throw InputError("--history-table: '" + text + "' is not [SCHEMA.]NAME");
  }
}

std::string MigrationHistory::quoted(pqxx::transaction_base& work) const {
  return work.quote_name(m_table.schema) + "." + work.quote_name(m_table.name);
}

// Looks before it changes: CREATE SCHEMA needs a privilege a migration user
// may lack, and ALTER TABLE locks the history even when there is nothing to add.
void MigrationHistory::ensure_exists(pqxx::connection& connection) const {
  pqxx::work work(connection);
  const auto found = work.exec_params1(
      "SELECT to_regclass($1) IS NOT NULL, (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass($1) "
      "AND NOT attisdropped AND attname = ANY ($2::text[]))",
      quoted(work), "{reason,previous_checksum,error}");
  const bool exists = found[0].as<bool>();
  const auto added = found[1].as<size_t>();
  if (exists && added == std::size(k_added_columns)) return;
  if (!exists) {
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
  }
  std::string alter = "ALTER TABLE " + quoted(work);
  for (const char* column : k_added_columns)
    alter += std::string(column == k_added_columns[0] ? " " : ", ") + "ADD COLUMN IF NOT EXISTS " + column + " text";
  work.exec(alter);
  work.commit();
}

// Each row as JSON, so that a table without the newer columns reads too.
std::vector<AppliedMigration> MigrationHistory::read(pqxx::connection& connection) const {
  pqxx::read_transaction work(connection);
  const auto exists = work.exec_params1("SELECT to_regclass($1) IS NOT NULL", quoted(work));
  if (!exists[0].as<bool>()) return {};
  const auto rows = work.exec(
      "SELECT to_jsonb(h)::text, to_char(h.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM " +
      quoted(work) + " h ORDER BY h.version");
  std::vector<AppliedMigration> history;
  for (const auto& row : rows)
    history.push_back(row_of(nlohmann::json::parse(row[0].c_str()), row[1].as<std::string>()));
  return history;
}

void MigrationHistory::record(pqxx::transaction_base& work, const MigrationFile& migration,
                              long long duration_ms, const std::string& outcome) const {
  work.exec_params("INSERT INTO " + quoted(work) +
                       " (version, name, checksum, duration_ms, outcome) VALUES ($1, $2, $3, $4, $5) "
                       "ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, "
                       "applied_at = now(), duration_ms = excluded.duration_ms, applied_by = current_user, "
                       "client_host = coalesce(host(inet_client_addr()), 'local'), outcome = excluded.outcome, "
                       "reason = NULL, previous_checksum = NULL, error = NULL",
                   migration.version, migration.name, migration.checksum, duration_ms, outcome);
}

void MigrationHistory::record_failure(pqxx::transaction_base& work, const MigrationFile& migration,
                                      long long duration_ms, const std::string& error) const {
  work.exec_params("INSERT INTO " + quoted(work) +
                       " AS h (version, name, checksum, duration_ms, outcome, error) VALUES ($1, $2, $3, $4, 'failed', $5) "
                       "ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, "
                       "applied_at = now(), duration_ms = excluded.duration_ms, applied_by = current_user, "
                       "client_host = coalesce(host(inet_client_addr()), 'local'), outcome = 'failed', "
                       "reason = NULL, previous_checksum = NULL, error = excluded.error "
                       "WHERE h.outcome NOT IN ('applied', 'baselined', 'repaired')",
                   migration.version, migration.name, migration.checksum, duration_ms, error);
}

void MigrationHistory::record_baseline(pqxx::transaction_base& work, const MigrationFile& migration,
                                       const std::string& reason) const {
  work.exec_params("INSERT INTO " + quoted(work) +
                       " (version, name, checksum, duration_ms, outcome, reason) VALUES ($1, $2, $3, 0, 'baselined', "
                       "nullif($4, ''))",
                   migration.version, migration.name, migration.checksum, reason);
}

void MigrationHistory::record_repair(pqxx::transaction_base& work, const MigrationFile& migration,
                                     const std::string& reason) const {
  work.exec_params("UPDATE " + quoted(work) +
                       " SET previous_checksum = CASE WHEN checksum <> $3 THEN checksum ELSE previous_checksum END, "
                       "name = $2, checksum = $3, outcome = 'repaired', reason = $4 WHERE version = $1",
                   migration.version, migration.name, migration.checksum, reason);
}

void MigrationHistory::forget(pqxx::transaction_base& work, long long version) const {
  work.exec_params("DELETE FROM " + quoted(work) + " WHERE version = $1", version);
}

void MigrationHistory::forget_outcomes(pqxx::transaction_base& work, const std::vector<std::string>& outcomes) const {
  work.exec_params("DELETE FROM " + quoted(work) + " WHERE outcome = ANY ($1::text[])",
                   "{" + join(outcomes, ",") + "}");
}

}  // namespace plumb
