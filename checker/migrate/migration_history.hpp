// MigrationHistory: the table that records which migrations a database has
// (default `plumb_schema_migrations`): version, name, checksum, when, how long,
// who from where, the outcome, and for baselined, repaired and failed
// versions why. One row per version; reverting deletes it.
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

  // Parses "[schema.]name" (QualifiedName: a part may be double-quoted).
  // Throws InputError for an empty part or more than one dot.
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
  // "applied": ran whole (plumb records a version only once all of it is
  // applied, so a stopped no-transaction migration is simply pending and
  // re-run). "baselined": `migrate baseline` marked it, it never ran here.
  // "repaired": `migrate repair` accepted a changed file. "failed": the last
  // attempt failed; the version is pending. Any other value, written by hand
  // or by a later plumb, leaves the version pending.
  std::string outcome;
  std::string reason;             // baseline's --description or repair's --reason; else empty
  std::string previous_checksum;  // repaired: the checksum recorded before the repair
  std::string error;              // failed: the error of the last attempt

  // applied, baselined and repaired: the database has this version.
  bool counts_as_applied() const;
};

class MigrationHistory {
 public:
  explicit MigrationHistory(HistoryTable table) : m_table(std::move(table)) {}

  const HistoryTable& table() const { return m_table; }

  // Creates the schema and table when missing, and adds the columns a
  // history table written by an older plumb lacks (reason,
  // previous_checksum, error); does nothing to a current one. Call under
  // the runner lock. Throws pqxx errors.
  void ensure_exists(pqxx::connection& connection) const;

  // Every row, by version; empty when the table does not exist yet. Reads
  // any format this or an older plumb wrote and changes nothing (so that
  // `status`, `plan` and `lint --pending-only` stay read-only).
  std::vector<AppliedMigration> read(pqxx::connection& connection) const;

  // Records `migration` with `outcome`, replacing an earlier row of its
  // version (and clearing its reason, previous checksum and error).
  void record(pqxx::transaction_base& work, const MigrationFile& migration, long long duration_ms,
              const std::string& outcome) const;

  // Records a failed attempt of `migration` with its `error`, unless its
  // version counts as applied (a failed down leaves it applied).
  void record_failure(pqxx::transaction_base& work, const MigrationFile& migration, long long duration_ms,
                      const std::string& error) const;

  // Records `migration` as baselined: present in the database, never run by plumb.
  void record_baseline(pqxx::transaction_base& work, const MigrationFile& migration, const std::string& reason) const;

  // Accepts `migration`'s current file for the applied row of its version:
  // new checksum and name, the old checksum kept, the reason stored.
  void record_repair(pqxx::transaction_base& work, const MigrationFile& migration, const std::string& reason) const;

  // Removes the row of `version` (after its down part ran).
  void forget(pqxx::transaction_base& work, long long version) const;

  // Removes every row whose outcome is one of `outcomes`.
  void forget_outcomes(pqxx::transaction_base& work, const std::vector<std::string>& outcomes) const;

 private:
  std::string quoted(pqxx::transaction_base& work) const;
  HistoryTable m_table;
};

}  // namespace plumb
