#include "migrate/migration_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <thread>

#include "db/connection.hpp"
#include "migrate/migration_status.hpp"
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
const auto k_first_backoff = std::chrono::milliseconds(250);
const auto k_longest_backoff = std::chrono::seconds(10);

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

// The settings that make DDL give up quickly instead of queueing; `scope` is
// "SET" for the session or "SET LOCAL" for one transaction.
void apply_timeouts(pqxx::transaction_base& work, const RunnerOptions& options, const std::string& scope) {
  work.exec(scope + " lock_timeout = " + std::to_string(options.lock_timeout.count()));
  work.exec(scope + " statement_timeout = " + std::to_string(options.statement_timeout.count()));
  // A killed runner's backend would otherwise finish a waiting index build
  // on its own, unseen; with this check it notices the dead client and stops,
  // and the next run repairs what it left.
  work.exec(scope + " client_connection_check_interval = 1000");
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
  pqxx::nontransaction work(connection);
  std::set<std::string> tables;
  for (const auto& relation : relations_touched(statement)) {
    const auto rows = work.exec_params(
        "SELECT coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass($1)), to_regclass($1))::regclass::text",
        qualified(work, relation));
    if (!rows.empty() && !rows[0][0].is_null()) tables.insert(rows[0][0].as<std::string>());
  }
  return tables;
}

void refuse_invalid_indexes(pqxx::connection& connection, const std::set<std::string>& tables,
                            const SqlStatement& after) {
  pqxx::nontransaction work(connection);
  for (const auto& table : tables) {
    const auto rows = work.exec_params(
        "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = to_regclass($1) AND NOT indisvalid", table);
    if (!rows.empty())
      throw RuntimeFailure(after.where().to_string() + ": INVALID index " + rows[0][0].as<std::string>() + " on " +
                           table + " after this statement; re-run `plumb migrate up` to rebuild it");
  }
}

}  // namespace

MigrationRunner::MigrationRunner(ConnectionSettings settings, MigrationHistory history, RunnerOptions options)
    : m_settings(std::move(settings)), m_history(std::move(history)), m_options(options) {}

std::vector<MigrationStep> MigrationRunner::up(const std::vector<MigrationFile>& files, std::optional<long long> to) {
  RunnerLock lock(m_settings, RunnerLock::key_for(m_history.table().qualified()), m_options.lock_wait);
  std::vector<MigrationStep> steps;
  for (const auto& file : validated_targets(files, to, true)) steps.push_back(run(Run{file, true}));
  m_connection.reset();
  return steps;
}

std::vector<MigrationStep> MigrationRunner::down(const std::vector<MigrationFile>& files, std::optional<long long> to) {
  RunnerLock lock(m_settings, RunnerLock::key_for(m_history.table().qualified()), m_options.lock_wait);
  std::vector<MigrationStep> steps;
  for (const auto& file : validated_targets(files, to, false)) {
    if (!file.has_down) throw InputError(file.path + ": version " + std::to_string(file.version) + " has no '-- plumb:down' part; it cannot be reverted");
    steps.push_back(run(Run{file, false}));
  }
  m_connection.reset();
  return steps;
}

// Under the runner lock: the history as it is now, checked, and the files to
// run in the order to run them.
std::vector<MigrationFile> MigrationRunner::validated_targets(const std::vector<MigrationFile>& files,
                                                              std::optional<long long> to, bool up) {
  m_connection = connect(m_settings);
  m_history.ensure_exists(*m_connection);
  const auto entries = compare_with_history(files, m_history.read(*m_connection));
  validate(entries, m_options.allow_out_of_order);
  std::vector<MigrationFile> targets;
  for (const auto& entry : entries) {
    const bool wanted = up ? entry.state == MigrationState::pending && (!to || entry.version <= *to)
                           : entry.state == MigrationState::applied && (!to || entry.version > *to);
    if (wanted) targets.push_back(*entry.file);
  }
  if (!up) {
    std::reverse(targets.begin(), targets.end());
    if (!to && targets.size() > 1) targets.resize(1);  // plain `down` reverts only the last one
  }
  return targets;
}

MigrationStep MigrationRunner::run(const Run& run) {
  spdlog::info("{} {}{}", run.up ? "applying" : "reverting", run.file.label(),
               run.file.transactional ? "" : " (no transaction: one statement at a time)");
  const auto started = std::chrono::steady_clock::now();
  int retries = 0;
  if (run.file.transactional)
    run_in_transaction(run, retries);
  else
    run_without_transaction(run, retries);
  const MigrationStep step{run.file.version, run.file.label(), run.up, run.file.transactional, elapsed_ms(started), retries};
  spdlog::debug("{} {} in {} ms", run.up ? "applied" : "reverted", run.file.label(), step.duration_ms);
  return step;
}

// Retries `attempt` when it fails on lock_timeout. Only a lock timeout is
// retried: the statement was cancelled before it changed anything, so running
// it again is safe. Any other error may have had effects and is passed on.
template <typename Attempt>
void MigrationRunner::with_lock_retries(const std::string& what, int& retries, Attempt attempt) {
  auto backoff = k_first_backoff;
  for (;;) {
    StatementWatcher watcher(m_settings, m_connection->backendpid());
    try {
      attempt();
      return;
    } catch (const pqxx::sql_error& error) {
      if (error.sqlstate() != k_lock_not_available) throw;
      const std::string blocker = describe_blocker(watcher.last_blocker());
      if (retries >= m_options.retries)
        throw RuntimeFailure(what + ": gave up after " + std::to_string(retries + 1) + " attempts, each waiting " +
                             format_duration(m_options.lock_timeout) + " (--lock-timeout) for a lock; " + blocker +
                             "; nothing of this step was applied");
      ++retries;
      spdlog::warn("  {}: lock not granted within {}; {}; retry {} of {} in {}", what,
                   format_duration(m_options.lock_timeout), blocker, retries, m_options.retries, format_duration(backoff));
    }
    std::this_thread::sleep_for(backoff);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, k_longest_backoff);
  }
}

void MigrationRunner::run_in_transaction(const Run& run, int& retries) {
  const SqlStatement* current = nullptr;
  try {
    with_lock_retries(run.describe(), retries, [&] {
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
  }
  for (const auto& statement : run.statements()) {
    const auto tables = tables_touched(*m_connection, statement);
    const auto index = concurrent_index_built(statement);
    try {
      with_lock_retries(statement.where().to_string(), retries, [&] {
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
    refuse_invalid_indexes(*m_connection, tables, statement);
  }
  pqxx::work work(*m_connection);
  if (run.up) m_history.record(work, run.file, elapsed_ms(started), "applied");
  else m_history.forget(work, run.file.version);
  work.commit();
}

}  // namespace plumb
