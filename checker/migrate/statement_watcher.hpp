// StatementWatcher: a second connection that watches the runner's backend
// while a migration statement runs: it logs index build progress (from
// pg_stat_progress_create_index) and remembers which backend blocks it, so
// that a lock timeout can name the blocker after the fact.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "db/connection_settings.hpp"

namespace plumb {

struct Blocker {
  int pid = 0;
  std::string query;   // its current or last query, on one line
  std::string state;   // e.g. "idle in transaction"
};

class StatementWatcher {
 public:
  // Starts watching backend `runner_pid` in a thread of its own. If the
  // watcher cannot connect it logs a warning and watches nothing: progress
  // is a courtesy, never a reason to fail a migration.
  StatementWatcher(const ConnectionSettings& settings, int runner_pid);
  ~StatementWatcher();
  StatementWatcher(const StatementWatcher&) = delete;
  StatementWatcher& operator=(const StatementWatcher&) = delete;

  // The last backend seen blocking the runner, if any.
  std::optional<Blocker> last_blocker() const;

 private:
  void watch(ConnectionSettings settings);

  int m_runner_pid;
  std::atomic<bool> m_stop{false};
  mutable std::mutex m_mutex;
  std::optional<Blocker> m_blocker;  // guarded by m_mutex
  std::thread m_thread;
};

}  // namespace plumb
