#include "migrate/statement_watcher.hpp"

#include <spdlog/spdlog.h>

#include "db/connection.hpp"
#include "util/duration.hpp"
#include "util/text.hpp"

namespace plumb {

// What one look at the runner's backend found.
struct StatementWatcher::Look {
  std::optional<Blocker> blocker;
  std::optional<std::string> progress;
  bool waited_long = false;  // waited for a lock past cancel_after
  bool cancelled = false;    // ... with others queued behind it, so the watcher cancelled it
};

namespace {

const auto k_poll_interval = std::chrono::milliseconds(100);
// At most one progress line per phase change or per this interval, so a long
// build is visible without flooding the log.
const auto k_progress_interval = std::chrono::seconds(2);

std::optional<Blocker> read_blocker(pqxx::connection& connection, int runner_pid) {
  pqxx::nontransaction look(connection);
  const auto rows = look.exec_params(
      "SELECT pid, coalesce(left(query, 200), ''), coalesce(state, '') FROM pg_stat_activity "
      "WHERE pid = ANY(pg_blocking_pids($1)) ORDER BY backend_start LIMIT 1",
      runner_pid);
  if (rows.empty()) return std::nullopt;
  return Blocker{rows[0][0].as<int>(), one_line(rows[0][1].as<std::string>()), rows[0][2].as<std::string>()};
}

// One progress line, e.g. "index idx_things_a: building index: scanning table, blocks 1200/5400 (22%)".
// A build inside a transaction has no index OID yet (index_relid is 0), so
// it is named by its table ("index on things: ..."), which this session
// cannot see when the same transaction created it.
std::optional<std::string> read_progress(pqxx::connection& connection, int runner_pid) {
  pqxx::nontransaction look(connection);
  const auto rows = look.exec_params(
      "SELECT CASE WHEN index_relid <> 0 THEN index_relid::regclass::text "
      "            WHEN EXISTS (SELECT FROM pg_class WHERE oid = relid) THEN 'on ' || relid::regclass::text "
      "            ELSE 'on a table this migration created' END, "
      "phase, blocks_done, blocks_total, tuples_done, tuples_total "
      "FROM pg_stat_progress_create_index WHERE pid = $1",
      runner_pid);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  std::string line = "index " + row[0].as<std::string>() + ": " + row[1].as<std::string>();
  const auto fraction = [](long long done, long long total) {
    return std::to_string(done) + "/" + std::to_string(total) +
           (total > 0 ? " (" + std::to_string(done * 100 / total) + "%)" : "");
  };
  if (row[3].as<long long>() > 0) line += ", blocks " + fraction(row[2].as<long long>(), row[3].as<long long>());
  if (row[5].as<long long>() > 0) line += ", tuples " + fraction(row[4].as<long long>(), row[5].as<long long>());
  return line;
}

// Cancels the runner's statement when it has waited for a lock at least
// `cancel_after` and another session waits behind the runner (its
// pg_blocking_pids names the runner). One statement, so the runner is
// cancelled only while it still waits: a cancel that arrived after the
// statement ended could hit the runner's next query instead. CASE (unlike
// AND) guarantees pg_cancel_backend runs only when someone is queued.
void cancel_if_others_queue(pqxx::connection& connection, int runner_pid, std::chrono::milliseconds cancel_after,
                            bool& waited_long, bool& cancelled) {
  pqxx::nontransaction look(connection);
  const auto rows = look.exec_params(
      "WITH waiting AS (SELECT EXISTS (SELECT FROM pg_stat_activity o WHERE o.pid <> $1 "
      "                                AND $1 = ANY (pg_blocking_pids(o.pid))) AS queued "
      "  FROM pg_locks WHERE pid = $1 AND NOT granted "
      "  AND waitstart <= clock_timestamp() - $2 * interval '1 millisecond' LIMIT 1) "
      "SELECT CASE WHEN queued THEN pg_cancel_backend($1) ELSE false END FROM waiting",
      runner_pid, static_cast<long long>(cancel_after.count()));
  waited_long = !rows.empty();
  cancelled = waited_long && rows[0][0].as<bool>();
}

}  // namespace

StatementWatcher::StatementWatcher(const ConnectionSettings& settings, int runner_pid,
                                   std::chrono::milliseconds first_look)
    : m_runner_pid(runner_pid), m_first_look(first_look), m_thread(&StatementWatcher::watch, this, settings) {}

StatementWatcher::~StatementWatcher() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

bool StatementWatcher::connected() {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_wake.wait(lock, [&] { return m_link != Link::connecting; });
  return m_link == Link::open;
}

void StatementWatcher::begin(std::chrono::milliseconds cancel_after) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_generation;
    m_watching = true;
    m_cancel_after = cancel_after;
    m_seen = WatchResult{};
    m_last_phase.clear();
    m_told_waiting = false;
    m_last_log = std::chrono::steady_clock::now();
    m_next_look = m_last_log + m_first_look;
  }
  m_wake.notify_all();
}

WatchResult StatementWatcher::end() {
  std::unique_lock<std::mutex> lock(m_mutex);
  // A look in flight may be cancelling this very statement: wait for it, so
  // that the caller learns the cancel was ours and not a statement_timeout.
  m_wake.wait(lock, [&] { return !m_looking; });
  ++m_generation;
  m_watching = false;
  return m_seen;
}

void StatementWatcher::watch(ConnectionSettings settings) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = connect(settings);
  } catch (const std::exception& error) {
    spdlog::warn("progress watcher could not connect: {}", describe_database_error(error));
  }
  std::unique_lock<std::mutex> lock(m_mutex);
  m_link = connection ? Link::open : Link::closed;
  m_wake.notify_all();
  try {
    while (connection && wait_for_next_look(lock)) take_look(lock, *connection);
  } catch (const std::exception& error) {
    if (!lock.owns_lock()) lock.lock();
    m_link = Link::closed;
    m_looking = false;
    m_wake.notify_all();
    spdlog::warn("progress watcher stopped: {}", describe_database_error(error));
  }
}

// Sleeps until a watched statement is due for a look; false when stopping.
bool StatementWatcher::wait_for_next_look(std::unique_lock<std::mutex>& lock) {
  for (;;) {
    m_wake.wait(lock, [&] { return m_stop || m_watching; });
    if (m_stop) return false;
    const long long generation = m_generation;
    const bool interrupted =
        m_wake.wait_until(lock, m_next_look, [&] { return m_stop || m_generation != generation; });
    if (!interrupted) return true;
    if (m_stop) return false;
  }
}

// Queries outside the mutex, so begin() and end() never wait for the server
// (but end() waits for a look in flight, see there).
void StatementWatcher::take_look(std::unique_lock<std::mutex>& lock, pqxx::connection& connection) {
  const long long generation = m_generation;
  const auto cancel_after = m_cancel_after;
  m_looking = true;
  lock.unlock();
  Look look;
  look.blocker = read_blocker(connection, m_runner_pid);
  look.progress = read_progress(connection, m_runner_pid);
  if (cancel_after.count() > 0) cancel_if_others_queue(connection, m_runner_pid, cancel_after, look.waited_long, look.cancelled);
  lock.lock();
  m_looking = false;
  if (generation == m_generation) record(look, cancel_after);
  m_next_look = std::chrono::steady_clock::now() + k_poll_interval;
  m_wake.notify_all();
}

void StatementWatcher::record(const Look& look, std::chrono::milliseconds cancel_after) {
  if (look.blocker) m_seen.blocker = look.blocker;
  m_seen.cancelled = m_seen.cancelled || look.cancelled;
  if (look.waited_long && !look.cancelled && !m_told_waiting) {
    spdlog::info("  waiting for a lock for over {}; nothing queues behind it, so plumb lets it wait", format_duration(cancel_after));
    m_told_waiting = true;
  }
  if (!look.progress) return;
  const std::string phase = look.progress->substr(0, look.progress->find(','));
  const auto now = std::chrono::steady_clock::now();
  if (phase != m_last_phase || now - m_last_log >= k_progress_interval) {
    spdlog::info("  {}", *look.progress);
    m_last_phase = phase;
    m_last_log = now;
  }
}

}  // namespace plumb
