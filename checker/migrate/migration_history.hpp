// MigrationHistory: the table that records which migrations a database has
// (default `plumb_schema_migrations`): version, name, checksum, when, how long,
// who from where, and the outcome. One row per version; reverting deletes it.
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "migrate/migration_file.hpp"

namespace plumb {

// Where the history lives: `--history-table [SCHEMA.]NAME`.
struct HistoryTable {
  std::string schema = "public";
  std::string name = "plumb_schema_migrations";

  // Parses "[schema.]name". Throws InputError for an empty part or more than one dot.
  static HistoryTable parse(const std::string& text);
  std::string qualified() const { return schema + "." + name; }
};

struct AppliedMigration {
  long long version = 0;
  std::string name;
  std::string checksum;
  std::string applied_at;   // ISO 8601, UTC
  long long duration_ms = 0;
  std::string applied_by;   // database user
  std::string client_host;  // client address, or "local" for a Unix socket
  // "applied": plumb records a version only once all of it is applied, so
  // that a stopped no-transaction migration is simply pending and re-run (no
  // half-recorded version). Any other value, written by hand or by a later
  // plumb, leaves the version pending.
  std::string outcome;
};

class MigrationHistory {
 public:
  explicit MigrationHistory(HistoryTable table) : m_table(std::move(table)) {}

  const HistoryTable& table() const { return m_table; }

  // Creates the schema and table when missing. Throws pqxx errors.
  void ensure_exists(pqxx::connection& connection) const;

  // Every row, by version; empty when the table does not exist yet (so that
  // `status` and `plan` change nothing).
  std::vector<AppliedMigration> read(pqxx::connection& connection) const;

  // Records `migration` with `outcome`, replacing an earlier row of its version.
  void record(pqxx::transaction_base& work, const MigrationFile& migration, long long duration_ms,
              const std::string& outcome) const;

  // Removes the row of `version` (after its down part ran).
  void forget(pqxx::transaction_base& work, long long version) const;

 private:
  std::string quoted(pqxx::transaction_base& work) const;
  HistoryTable m_table;
};

}  // namespace plumb
