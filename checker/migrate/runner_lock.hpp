// RunnerLock: the session-level advisory lock that lets one `plumb migrate`
// runner at a time work on a database's history.
//
// It lives on a connection of its own that never opens a transaction: a
// session lock held inside a transaction would make a concurrent index
// build (which waits for every older transaction) wait on the lock holder.
// A killed runner's connection closes, and the server releases the lock.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <memory>

#include "db/connection_settings.hpp"
#include "migrate/clock.hpp"

namespace plumb {

class RunnerLock {
 public:
  // Takes the lock `key`, polling pg_try_advisory_lock for up to `wait`
  // (0: one try), waiting on `clock`. Throws LockBusy naming the holder's pid
  // and application when the budget runs out, RuntimeFailure when the server
  // cannot be reached. Polled rather than waited for in pg_advisory_lock: a
  // backend waiting there holds a snapshot, and the holder's concurrent
  // index build would wait for it: a deadlock.
  RunnerLock(const ConnectionSettings& settings, long long key, std::chrono::milliseconds wait,
             Clock& clock = *Clock::steady());
  ~RunnerLock();
  RunnerLock(const RunnerLock&) = delete;
  RunnerLock& operator=(const RunnerLock&) = delete;

  // The lock key plumb uses for a history table: derived from its qualified
  // name, so two histories in one database do not exclude each other.
  static long long key_for(const std::string& qualified_history_table);

 private:
  bool try_lock();
  std::string describe_holder();

  std::unique_ptr<pqxx::connection> m_connection;
  long long m_key;
};

}  // namespace plumb
