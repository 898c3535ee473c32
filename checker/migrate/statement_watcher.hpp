// StatementWatcher: one monitoring connection, open for a whole migration
// run, that watches the runner's backend while a statement (or a
// transaction) runs: it logs index build progress (from
// pg_stat_progress_create_index), remembers which backend blocks the runner
// so that a lock timeout can name it, and, when asked, cancels a statement
// that has waited for a lock too long while other sessions queue behind it.
//
// Its thread sleeps on a condition variable: between statements it sends no
// query at all, and begin(), end() and the destructor wake it at once.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
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

// What the watcher saw during one watched statement.
struct WatchResult {
  std::optional<Blocker> blocker;  // the last backend seen blocking the runner
  bool cancelled = false;          // the watcher cancelled the statement (see begin())
};

class StatementWatcher {
 public:
  // Watches backend `runner_pid`; opens its connection in its own thread, so
  // the runner does not wait for it. The first look at a statement comes
  // `first_look` after it starts (statements shorter than that cost
  // nothing), then every 100 ms. If the watcher cannot connect, or loses its
  // connection, it logs a warning and watches nothing from then on:
  // progress is a courtesy, never a reason to fail a migration.
  StatementWatcher(const ConnectionSettings& settings, int runner_pid, std::chrono::milliseconds first_look);
  ~StatementWatcher();
  StatementWatcher(const StatementWatcher&) = delete;
  StatementWatcher& operator=(const StatementWatcher&) = delete;

  // True once the monitoring connection is open; waits for the attempt to
  // connect to end. False when it failed or the connection was lost: then
  // nothing can be cancelled and the caller must not rely on it.
  bool connected();

  // Starts watching one statement, forgetting what was seen before. With
  // `cancel_after` > 0 the watcher cancels the statement (pg_cancel_backend)
  // once it has waited that long for a lock *and* another session waits
  // behind the runner; a lock wait that blocks nobody is left alone.
  void begin(std::chrono::milliseconds cancel_after = std::chrono::milliseconds(0));

  // Stops watching the statement begin() started; returns what was seen.
  WatchResult end();

 private:
  struct Look;
  void watch(ConnectionSettings settings);
  bool wait_for_next_look(std::unique_lock<std::mutex>& lock);
  void take_look(std::unique_lock<std::mutex>& lock, pqxx::connection& connection);
  void record(const Look& look, std::chrono::milliseconds cancel_after);  // under m_mutex

  const int m_runner_pid;
  const std::chrono::milliseconds m_first_look;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  // Guarded by m_mutex:
  enum class Link { connecting, open, closed } m_link = Link::connecting;
  bool m_stop = false;
  bool m_watching = false;
  bool m_looking = false;      // a look is in flight (outside the mutex)
  long long m_generation = 0;  // counts begin() and end() calls, so a look that overlaps one is dropped
  std::chrono::milliseconds m_cancel_after{0};
  std::chrono::steady_clock::time_point m_next_look;
  WatchResult m_seen;
  std::string m_last_phase;
  std::chrono::steady_clock::time_point m_last_log;
  bool m_told_waiting = false;
  std::thread m_thread;
};

}  // namespace plumb
