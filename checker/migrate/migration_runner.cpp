#include "migrate/migration_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "db/connection.hpp"
#include "db/replica_state.hpp"
#include "migrate/migration_baseline.hpp"
#include "migrate/runner_lock.hpp"
#include "migrate/statement_lock.hpp"
#include "migrate/statement_watcher.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"

namespace plumb {

struct MigrationRunner::Run {
  const MigrationFile& file;
  bool up;
  const std::vector<SqlStatement>& statements() const { return up ? file.up : file.down; }
  std::string describe() const { return file.label() + (up ? " (up)" : " (down)"); }
};

namespace {

const char* k_lock_not_available = "55P03";  // lock_timeout fired
const char* k_query_canceled = "57014";      // pg_cancel_backend (or statement_timeout)
const auto k_first_backoff = std::chrono::milliseconds(250);
const auto k_longest_backoff = std::chrono::seconds(10);
// The watcher's first look at a statement: late enough that the many short
// statements of a run cost no monitoring query, early enough to see what
// blocks a statement before its lock_timeout fires.
const auto k_first_look = std::chrono::milliseconds(50);

long long elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

std::string describe_blocker(const std::optional<Blocker>& blocker) {
  if (!blocker) return "blocker not seen";
  return "blocked by backend pid " + std::to_string(blocker->pid) + " (" + blocker->state + "): " + blocker->query;
}

std::string qualified(pqxx::transaction_base& work, const RelationName& relation) {
  const std::string name = work.quote_name(relation.name);
  return relation.schema.empty() ? name : work.quote_name(relation.schema) + "." + name;
}

// The settings that make DDL give up quickly instead of queueing, in one
// round trip; `scope` is "SET" for the session or "SET LOCAL" for one
// transaction (a migration's own SET cannot then outlive its transaction).
void apply_timeouts(pqxx::transaction_base& work, const RunnerOptions& options, const std::string& scope) {
  // A killed runner's backend would otherwise finish a waiting index build
  // on its own, unseen; with client_connection_check_interval it notices the
  // dead client and stops, and the next run repairs what it left.
  work.exec(scope + " lock_timeout = " + std::to_string(options.lock_timeout.count()) + "; " + scope +
            " statement_timeout = " + std::to_string(options.statement_timeout.count()) + "; " + scope +
            " client_connection_check_interval = 1000");
}

// A failed or killed CREATE INDEX CONCURRENTLY leaves an INVALID index behind,
// and `IF NOT EXISTS` would then skip the build and keep the broken index.
// Dropping it first makes the re-run build it again.
void drop_invalid_index(pqxx::connection& connection, const RelationName& index) {
  pqxx::nontransaction work(connection);
  const auto rows = work.exec_params(
      "SELECT indexrelid::regclass::text FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid",
      qualified(work, index));
  if (rows.empty()) return;
  const std::string name = rows[0][0].as<std::string>();  // quoted by the server's regclass output
  spdlog::warn("  dropping INVALID index {} left by an earlier failed build", name);
  work.exec("DROP INDEX CONCURRENTLY IF EXISTS " + name);
}

// Best effort: the drop itself waits for older transactions and may time out
// too; then the next run's drop_invalid_index() removes the index.
void clean_up_after_failed_build(pqxx::connection& connection, const RelationName& index) {
  try {
    drop_invalid_index(connection, index);
  } catch (const std::exception& error) {
    spdlog::warn("  could not drop the INVALID index {} yet ({}); the next `plumb migrate up` drops it",
                 index.name, describe_database_error(error));
  }
}

// The tables a statement changes, resolved before it runs (a dropped index's
// table cannot be found afterwards).
std::set<std::string> tables_touched(pqxx::connection& connection, const SqlStatement& statement) {
  std::set<std::string> tables;
  const auto relations = relations_touched(statement);
  if (relations.empty()) return tables;
  pqxx::nontransaction work(connection);
  for (const auto& relation : relations) {
    const auto rows = work.exec_params(
        "SELECT coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass($1)), to_regclass($1))::regclass::text",
        qualified(work, relation));
    if (!rows.empty() && !rows[0][0].is_null()) tables.insert(rows[0][0].as<std::string>());
  }
  return tables;
}

void refuse_invalid_indexes(pqxx::connection& connection, const std::set<std::string>& tables,
                            const SqlStatement& after) {
  if (tables.empty()) return;
  pqxx::nontransaction work(connection);
  for (const auto& table : tables) {
    const auto rows = work.exec_params(
        "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = to_regclass($1) AND NOT indisvalid", table);
    if (!rows.empty())
      throw RuntimeFailure(after.where().to_string() + ": INVALID index " + rows[0][0].as<std::string>() + " on " +
                           table + " after this statement; re-run `plumb migrate up` to rebuild it");
  }
}

// True when `error` means the statement gave up waiting for a lock, before
// it changed anything: lock_timeout fired, or the watcher cancelled it
// because others queued behind it (a statement_timeout is not this).
bool gave_up_on_a_lock(const pqxx::sql_error& error, const WatchResult& seen) {
  return error.sqlstate() == k_lock_not_available || (error.sqlstate() == k_query_canceled && seen.cancelled);
}

MigrationStep planned_step(const MigrationFile& file, bool up) {
  MigrationStep step;
  step.version = file.version;
  step.name = file.name;
  step.label = file.label();
  step.up = up;
  step.transactional = file.transactional;
  return step;
}

}  // namespace

std::string to_string(StepOutcome outcome) {
  switch (outcome) {
    case StepOutcome::applied: return "applied";
    case StepOutcome::reverted: return "reverted";
    case StepOutcome::failed: return "failed";
    case StepOutcome::skipped: return "skipped";
  }
  return "unknown";
}

MigrationRunner::MigrationRunner(ConnectionSettings settings, MigrationHistory history, RunnerOptions options)
    : m_settings(std::move(settings)), m_history(std::move(history)), m_options(std::move(options)) {}

MigrationRunner::~MigrationRunner() = default;

std::vector<MigrationStep> MigrationRunner::up(const std::vector<MigrationFile>& files, std::optional<long long> to) {
  return run_all(files, to, true);
}

std::vector<MigrationStep> MigrationRunner::down(const std::vector<MigrationFile>& files, std::optional<long long> to) {
  return run_all(files, to, false);
}

// Every step is listed as skipped first and updated as it runs, so that
// steps() tells the whole story whichever migration fails.
std::vector<MigrationStep> MigrationRunner::run_all(const std::vector<MigrationFile>& files,
                                                    std::optional<long long> to, bool up) {
  m_steps.clear();
  RunnerLock lock(m_settings, RunnerLock::key_for(m_history.table().qualified()), m_options.lock_wait,
                  *m_options.clock);
  const auto targets = validated_targets(files, to, up);
  const auto first_look = std::max(std::chrono::milliseconds(1), std::min(k_first_look, m_options.lock_timeout / 2));
  m_watcher = std::make_unique<StatementWatcher>(m_settings, m_connection->backendpid(), first_look);
  for (const auto& file : targets) m_steps.push_back(planned_step(file, up));
  for (size_t i = 0; i < targets.size(); ++i) {
    const Run current{targets[i], up};
    try {
      run(current, m_steps[i]);
    } catch (const std::exception& error) {
      m_steps[i].outcome = StepOutcome::failed;
      m_steps[i].error = describe_database_error(error);
      if (up) record_failure(current, m_steps[i]);
      throw;
    }
  }
  m_watcher.reset();
  m_connection.reset();
  return m_steps;
}

std::vector<MigrationFile> MigrationRunner::baseline(const std::vector<MigrationFile>& files, long long version,
                                                     const std::string& description, bool force) {
  RunnerLock lock(m_settings, RunnerLock::key_for(m_history.table().qualified()), m_options.lock_wait,
                  *m_options.clock);
  const auto marked = plan_baseline(read_entries(files), version, force);
  pqxx::work work(*m_connection);
  m_history.forget_outcomes(work, {"baselined", "failed"});  // only --force gets here with any
  for (const auto& file : marked) m_history.record_baseline(work, file, description);
  work.commit();
  m_connection.reset();
  return marked;
}

std::vector<RepairItem> MigrationRunner::repair(const std::vector<MigrationFile>& files, const std::string& reason) {
  RunnerLock lock(m_settings, RunnerLock::key_for(m_history.table().qualified()), m_options.lock_wait,
                  *m_options.clock);
  const auto items = plan_repair(read_entries(files));
  pqxx::work work(*m_connection);
  for (const auto& item : items) {
    if (item.kind == RepairItem::Kind::failed_attempt) m_history.forget(work, item.version);
    else m_history.record_repair(work, *item.file, reason);
  }
  work.commit();
  m_connection.reset();
  return items;
}

// Under the runner lock: opens the run's connection and compares `files`
// with the history as it is now (brought up to the current format).
std::vector<MigrationStatusEntry> MigrationRunner::read_entries(const std::vector<MigrationFile>& files) {
  m_connection = connect(m_settings);
  // A multi-host string may land on a standby after a failover: say so
  // before the history table, rather than fail on its first write.
  refuse_standby(*m_connection, "plumb migrate", m_settings.describe());
  m_session_lock_timeout = std::chrono::milliseconds(-1);
  m_history.ensure_exists(*m_connection);
  return compare_with_history(files, m_history.read(*m_connection));
}

// Under the runner lock: the history as it is now, checked, and the files to
// run in the order to run them.
std::vector<MigrationFile> MigrationRunner::validated_targets(const std::vector<MigrationFile>& files,
                                                              std::optional<long long> to, bool up) {
  const auto entries = read_entries(files);
  validate(entries, m_options.allow_out_of_order);
  std::vector<MigrationFile> targets;
  for (const auto& entry : entries) {
    const bool wanted = up ? entry.state == MigrationState::pending && (!to || entry.version <= *to)
                           : entry.state == MigrationState::applied && (!to || entry.version > *to);
    if (wanted) targets.push_back(*entry.file);
  }
  if (up) return targets;
  std::reverse(targets.begin(), targets.end());
  if (!to && targets.size() > 1) targets.resize(1);  // plain `down` reverts only the last one
  for (const auto& file : targets)  // refused before anything is reverted, not halfway
    if (!file.has_down)
      throw InputError(file.path + ": version " + std::to_string(file.version) +
                       " has no '-- plumb:down' part; it cannot be reverted");
  return targets;
}

void MigrationRunner::run(const Run& run, MigrationStep& step) {
  spdlog::info("{} {}{}", run.up ? "applying" : "reverting", run.file.label(),
               run.file.transactional ? "" : " (no transaction: one statement at a time)");
  const auto started = std::chrono::steady_clock::now();
  try {
    if (run.file.transactional)
      run_in_transaction(run, step.retries);
    else
      run_without_transaction(run, step.retries);
  } catch (...) {
    step.duration_ms = elapsed_ms(started);
    throw;
  }
  step.duration_ms = elapsed_ms(started);
  step.outcome = run.up ? StepOutcome::applied : StepOutcome::reverted;
  spdlog::debug("{} {} in {} ms", to_string(step.outcome), run.file.label(), step.duration_ms);
}

// Best effort, after the failed attempt was rolled back: a `failed` row lets
// `status` show the last run and its error. Skipped when the connection is
// gone: libpqxx would open a new session without the runner's settings.
void MigrationRunner::record_failure(const Run& run, const MigrationStep& step) {
  if (!m_connection || !m_connection->is_open()) return;
  try {
    pqxx::work work(*m_connection);
    m_history.record_failure(work, run.file, step.duration_ms, step.error);
    work.commit();
  } catch (const std::exception& error) {
    spdlog::debug("could not record the failed attempt of {}: {}", run.file.label(), describe_database_error(error));
  }
}

// Retries `attempt` when it gave up waiting for a lock (gave_up_on_a_lock):
// the statement was cancelled before it changed anything, so running it
// again is safe. Any other error may have had effects and is passed on.
template <typename Attempt>
void MigrationRunner::with_lock_retries(const std::string& what, int& retries, std::chrono::milliseconds cancel_after,
                                        Attempt attempt) {
  auto backoff = k_first_backoff;
  for (;;) {
    m_watcher->begin(cancel_after);
    try {
      attempt();
      m_watcher->end();
      return;
    } catch (const pqxx::sql_error& error) {
      const WatchResult seen = m_watcher->end();
      if (!gave_up_on_a_lock(error, seen)) throw;
      const std::string blocker = describe_blocker(seen.blocker);
      if (retries >= m_options.retries)
        throw RuntimeFailure(what + ": gave up after " + std::to_string(retries + 1) + " attempts, each waiting " +
                             format_duration(m_options.lock_timeout) + " (--lock-timeout) for a lock; " + blocker +
                             "; nothing of this step was applied");
      ++retries;
      spdlog::warn("  {}: lock not granted within {}{}; {}; retry {} of {} in {}", what,
                   format_duration(m_options.lock_timeout), seen.cancelled ? " while others queued behind it" : "",
                   blocker, retries, m_options.retries, format_duration(backoff));
    } catch (...) {
      m_watcher->end();
      throw;
    }
    m_options.clock->sleep_for(backoff);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, k_longest_backoff);
  }
}

void MigrationRunner::run_in_transaction(const Run& run, int& retries) {
  const SqlStatement* current = nullptr;
  try {
    with_lock_retries(run.describe(), retries, std::chrono::milliseconds(0), [&] {
      const auto started = std::chrono::steady_clock::now();
      pqxx::work work(*m_connection);
      apply_timeouts(work, m_options, "SET LOCAL");
      for (const auto& statement : run.statements()) {
        current = &statement;
        work.exec(statement.text());
      }
      if (run.up) m_history.record(work, run.file, elapsed_ms(started), "applied");
      else m_history.forget(work, run.file.version);
      work.commit();
    });
  } catch (const pqxx::sql_error& error) {
    throw RuntimeFailure(run.describe() + " failed at " + (current ? current->where().to_string() : run.file.path) +
                         ": " + describe_database_error(error) + " (rolled back: nothing of it was applied)");
  }
}

void MigrationRunner::run_without_transaction(const Run& run, int& retries) {
  const auto started = std::chrono::steady_clock::now();
  {
    pqxx::nontransaction session(*m_connection);
    apply_timeouts(session, m_options, "SET");
    m_session_lock_timeout = m_options.lock_timeout;
  }
  for (const auto& statement : run.statements()) run_alone(run, statement, retries);
  pqxx::work work(*m_connection);
  if (run.up) m_history.record(work, run.file, elapsed_ms(started), "applied");
  else m_history.forget(work, run.file.version);
  work.commit();
}

// One statement of a no-transaction migration. A concurrent index build runs
// with no lock_timeout: its long waits are for older transactions (it queues
// nobody while it waits), and a timeout would throw away a finished build.
// The watcher cancels it instead when it waits past --lock-timeout while
// another session queues behind it. Without a watcher, the old rule holds.
void MigrationRunner::run_alone(const Run& run, const SqlStatement& statement, int& retries) {
  const auto tables = tables_touched(*m_connection, statement);
  const auto index = concurrent_index_built(statement);
  const bool patient = waits_for_older_transactions(statement) && m_watcher->connected();
  set_lock_timeout(patient ? std::chrono::milliseconds(0) : m_options.lock_timeout);
  try {
    with_lock_retries(statement.where().to_string(), retries,
                      patient ? m_options.lock_timeout : std::chrono::milliseconds(0), [&] {
                        if (index) drop_invalid_index(*m_connection, *index);
                        // Each statement on its own: sent together, the server would wrap
                        // them in one implicit transaction and refuse CONCURRENTLY.
                        pqxx::nontransaction work(*m_connection);
                        work.exec(statement.text());
                      });
  } catch (const RuntimeFailure&) {
    if (index) clean_up_after_failed_build(*m_connection, *index);
    throw;
  } catch (const pqxx::sql_error& error) {
    if (index) clean_up_after_failed_build(*m_connection, *index);
    throw RuntimeFailure(run.describe() + " failed at " + statement.where().to_string() + ": " +
                         describe_database_error(error) +
                         " (earlier statements of this migration stay applied; fix the cause and re-run)");
  }
  // The migration's own SET may have changed the session's lock_timeout.
  if (statement.kind() == "VariableSetStmt") m_session_lock_timeout = std::chrono::milliseconds(-1);
  refuse_invalid_indexes(*m_connection, tables, statement);
}

void MigrationRunner::set_lock_timeout(std::chrono::milliseconds timeout) {
  if (timeout == m_session_lock_timeout) return;
  pqxx::nontransaction session(*m_connection);
  session.exec("SET lock_timeout = " + std::to_string(timeout.count()));
  m_session_lock_timeout = timeout;
}

}  // namespace plumb
