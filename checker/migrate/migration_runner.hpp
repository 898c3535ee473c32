// MigrationRunner: applies and reverts migrations on a live database, one
// runner at a time, each migration in its own transaction unless the file
// says it cannot run in one. DDL waits for locks only `lock_timeout` at a
// time and retries with backoff, so it never queues in front of the app's
// queries behind a long transaction.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection_settings.hpp"
#include "migrate/migration_file.hpp"
#include "migrate/migration_history.hpp"

namespace plumb {

struct RunnerOptions {
  // How long one DDL statement may wait for a table lock before it gives up
  // and is retried: short, because while it waits every new query on that
  // table queues behind it.
  std::chrono::milliseconds lock_timeout{std::chrono::seconds(5)};
  // Longest a statement may run; 0 means no limit (index builds can be long).
  std::chrono::milliseconds statement_timeout{0};
  // How long to wait for another runner to finish; 0 means fail at once.
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
  // Retries after a lock timeout, per migration (transactional) or per statement.
  int retries = 5;
  // Apply a pending version lower than an applied one instead of refusing it.
  bool allow_out_of_order = false;
};

// What one migration did.
struct MigrationStep {
  long long version = 0;
  std::string label;           // "002_swap_unique_index"
  bool up = true;
  bool transactional = true;
  long long duration_ms = 0;
  int retries = 0;             // lock timeouts survived
};

class MigrationRunner {
 public:
  MigrationRunner(ConnectionSettings settings, MigrationHistory history, RunnerOptions options);

  // Applies the pending migrations of `files` up to version `to` (all when
  // empty), in version order, after validate(). Returns what ran, in order.
  // Throws LockBusy when another runner holds the lock past lock_wait,
  // InputError when validation refuses, RuntimeFailure naming the migration,
  // file:line and the server's message when a statement fails (the failed
  // migration is rolled back, or for a no-transaction one left to be
  // finished by the next run).
  std::vector<MigrationStep> up(const std::vector<MigrationFile>& files, std::optional<long long> to);

  // Reverts applied migrations newest first: the last one only when `to` is
  // empty, else every one above version `to`. Same failures as up(), plus
  // InputError for a migration with no down part.
  std::vector<MigrationStep> down(const std::vector<MigrationFile>& files, std::optional<long long> to);

 private:
  struct Run;  // one migration in one direction
  std::vector<MigrationFile> validated_targets(const std::vector<MigrationFile>& files,
                                               std::optional<long long> to, bool up);
  MigrationStep run(const Run& run);
  void run_in_transaction(const Run& run, int& retries);
  void run_without_transaction(const Run& run, int& retries);
  template <typename Attempt>
  void with_lock_retries(const std::string& what, int& retries, Attempt attempt);

  ConnectionSettings m_settings;
  MigrationHistory m_history;
  RunnerOptions m_options;
  std::unique_ptr<pqxx::connection> m_connection;  // open while up()/down() run
};

}  // namespace plumb
