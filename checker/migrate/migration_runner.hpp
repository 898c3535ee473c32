// MigrationRunner: applies and reverts migrations on a live database, one
// runner at a time, each migration in its own transaction unless the file
// says it cannot run in one. DDL waits for locks only `lock_timeout` at a
// time and retries with backoff, so it never queues in front of the app's
// queries behind a long transaction.
//
// A run uses one connection for its statements, one for the runner lock and
// one for the StatementWatcher, whatever the number of migrations.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection_settings.hpp"
#include "migrate/clock.hpp"
#include "migrate/migration_file.hpp"
#include "migrate/migration_history.hpp"
#include "migrate/migration_repair.hpp"
#include "migrate/migration_status.hpp"

namespace plumb {

class StatementWatcher;

struct RunnerOptions {
  // How long one DDL statement may wait for a table lock before it gives up
  // and is retried: short, because while it waits every new query on that
  // table queues behind it. A concurrent index build (which waits for older
  // transactions, queueing nobody) is cancelled only once it has waited this
  // long *and* another session queues behind it.
  std::chrono::milliseconds lock_timeout{std::chrono::seconds(5)};
  // Longest a statement may run; 0 means no limit (index builds can be long).
  std::chrono::milliseconds statement_timeout{0};
  // How long to wait for another runner to finish; 0 means fail at once.
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
  // Retries after a lock timeout, per migration (transactional) or per statement.
  int retries = 5;
  // Apply a pending version lower than an applied one instead of refusing it.
  bool allow_out_of_order = false;
  // Waits between retries and while polling for the runner lock; tests pass
  // a clock that does not sleep.
  std::shared_ptr<Clock> clock = Clock::steady();
};

// What became of one migration of a run.
enum class StepOutcome {
  applied,   // up ran and its history row is written
  reverted,  // down ran and its history row is deleted
  failed,    // it ran and failed (the error says what is left)
  skipped,   // not run: an earlier migration of the run failed
};

// "applied", "reverted", "failed", "skipped".
std::string to_string(StepOutcome outcome);

// What one migration did.
struct MigrationStep {
  long long version = 0;
  std::string name;            // "swap_unique_index"
  std::string label;           // "002_swap_unique_index"
  bool up = true;
  bool transactional = true;
  StepOutcome outcome = StepOutcome::skipped;
  long long duration_ms = 0;
  int retries = 0;             // lock timeouts survived
  std::string error;           // for a failed step: the message, on one line
};

class MigrationRunner {
 public:
  MigrationRunner(ConnectionSettings settings, MigrationHistory history, RunnerOptions options);
  ~MigrationRunner();

  // Applies the pending migrations of `files` up to version `to` (all when
  // empty), in version order, after validate(). Returns what ran, in order.
  // Throws LockBusy when another runner holds the lock past lock_wait,
  // InputError when validation refuses, RuntimeFailure naming the migration,
  // file:line and the server's message when a statement fails (the failed
  // migration is rolled back, or for a no-transaction one left to be
  // finished by the next run); a failed up is recorded in the history as
  // `failed` with its error when the history can still be written.
  std::vector<MigrationStep> up(const std::vector<MigrationFile>& files, std::optional<long long> to);

  // Reverts applied migrations newest first: the last one only when `to` is
  // empty, else every one above version `to`. Same failures as up(), plus
  // InputError, before anything runs, for a target with no down part.
  std::vector<MigrationStep> down(const std::vector<MigrationFile>& files, std::optional<long long> to);

  // Records the files up to `version` as baselined (plan_baseline() says
  // which, and when it refuses), in one transaction under the runner lock,
  // with `description` as their reason. Returns them.
  std::vector<MigrationFile> baseline(const std::vector<MigrationFile>& files, long long version,
                                      const std::string& description, bool force);

  // Writes plan_repair()'s changes, in one transaction under the runner
  // lock, each with `reason`. Returns them (empty: nothing to repair).
  std::vector<RepairItem> repair(const std::vector<MigrationFile>& files, const std::string& reason);

  // Every target of the last up() or down(), in run order, complete also
  // when it threw halfway: the migrations done, the failed one, and the
  // skipped rest. Empty when it threw before anything could run.
  const std::vector<MigrationStep>& steps() const { return m_steps; }

 private:
  struct Run;  // one migration in one direction
  std::vector<MigrationStep> run_all(const std::vector<MigrationFile>& files, std::optional<long long> to, bool up);
  std::vector<MigrationStatusEntry> read_entries(const std::vector<MigrationFile>& files);
  std::vector<MigrationFile> validated_targets(const std::vector<MigrationFile>& files,
                                               std::optional<long long> to, bool up);
  void run(const Run& run, MigrationStep& step);
  void record_failure(const Run& run, const MigrationStep& step);
  void run_in_transaction(const Run& run, int& retries);
  void run_without_transaction(const Run& run, int& retries);
  void run_alone(const Run& run, const SqlStatement& statement, int& retries);
  void set_lock_timeout(std::chrono::milliseconds timeout);
  template <typename Attempt>
  void with_lock_retries(const std::string& what, int& retries, std::chrono::milliseconds cancel_after,
                         Attempt attempt);

  ConnectionSettings m_settings;
  MigrationHistory m_history;
  RunnerOptions m_options;
  std::vector<MigrationStep> m_steps;
  // Open while up()/down() run:
  std::unique_ptr<pqxx::connection> m_connection;
  std::unique_ptr<StatementWatcher> m_watcher;
  std::chrono::milliseconds m_session_lock_timeout{-1};  // the session's lock_timeout as last SET; -1: unknown
};

}  // namespace plumb
