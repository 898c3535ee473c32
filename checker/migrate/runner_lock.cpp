#include "migrate/runner_lock.hpp"

#include <spdlog/spdlog.h>

#include "db/connection.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"
#include "util/sha256.hpp"

namespace plumb {
namespace {

const auto k_poll_interval = std::chrono::milliseconds(200);

}  // namespace

long long RunnerLock::key_for(const std::string& qualified_history_table) {
  // 15 hex digits: 60 bits, always a positive bigint.
  return std::stoll(sha256_hex("plumb migrate " + qualified_history_table).substr(0, 15), nullptr, 16);
}

RunnerLock::RunnerLock(const ConnectionSettings& settings, long long key, std::chrono::milliseconds wait, Clock& clock)
    : m_connection(connect(settings)), m_key(key) {
  const auto deadline = clock.now() + wait;
  bool told = false;
  while (!try_lock()) {
    if (clock.now() >= deadline)
      throw LockBusy("another plumb migrate runner holds the migration lock (" + describe_holder() +
                     "); waited " + format_duration(wait) + " (--lock-wait)");
    if (!told) spdlog::info("waiting for the migration lock ({})", describe_holder());
    told = true;
    clock.sleep_for(k_poll_interval);
  }
}

RunnerLock::~RunnerLock() {
  try {
    pqxx::nontransaction unlock(*m_connection);
    unlock.exec_params("SELECT pg_advisory_unlock($1)", m_key);
  } catch (...) {
    // Closing the connection releases the lock anyway.
  }
}

bool RunnerLock::try_lock() {
  pqxx::nontransaction attempt(*m_connection);
  return attempt.exec_params1("SELECT pg_try_advisory_lock($1)", m_key)[0].as<bool>();
}

std::string RunnerLock::describe_holder() {
  pqxx::nontransaction look(*m_connection);
  // A bigint key is stored as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
  const auto rows = look.exec_params(
      "SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.client_hostname, host(a.client_addr), 'local') "
      "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND ((l.classid::bigint << 32) | l.objid::bigint) = $1",
      m_key);
  if (rows.empty()) return "holder already gone";
  return "held by backend pid " + rows[0][0].as<std::string>() + ", application '" +
         rows[0][1].as<std::string>() + "' from " + rows[0][2].as<std::string>();
}

}  // namespace plumb
