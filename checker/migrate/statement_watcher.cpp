#include "migrate/statement_watcher.hpp"

#include <spdlog/spdlog.h>

#include "db/connection.hpp"
#include "util/text.hpp"

namespace plumb {
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

}  // namespace

StatementWatcher::StatementWatcher(const ConnectionSettings& settings, int runner_pid)
    : m_runner_pid(runner_pid), m_thread(&StatementWatcher::watch, this, settings) {}

StatementWatcher::~StatementWatcher() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
}

std::optional<Blocker> StatementWatcher::last_blocker() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_blocker;
}

void StatementWatcher::watch(ConnectionSettings settings) {
  try {
    auto connection = connect(settings);
    std::string last_phase;
    auto last_log = std::chrono::steady_clock::now();
    while (!m_stop) {
      if (auto blocker = read_blocker(*connection, m_runner_pid)) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_blocker = blocker;
      }
      if (const auto progress = read_progress(*connection, m_runner_pid)) {
        const std::string phase = progress->substr(0, progress->find(','));
        const auto now = std::chrono::steady_clock::now();
        if (phase != last_phase || now - last_log >= k_progress_interval) {
          spdlog::info("  {}", *progress);
          last_phase = phase;
          last_log = now;
        }
      }
      std::this_thread::sleep_for(k_poll_interval);
    }
  } catch (const std::exception& error) {
    spdlog::warn("progress watcher stopped: {}", describe_database_error(error));
  }
}

}  // namespace plumb
