#include "db/live_connections.hpp"

#include <libpq-events.h>
#include <libpq-fe.h>

#include <atomic>
#include <map>
#include <mutex>
#include <new>

#include "util/errors.hpp"

namespace plumb {
namespace {

// pqxx 6.4 has no public accessor for a connection's PGconn; largeobject's
// protected raw_connection() is the door it leaves to classes that talk to
// libpq themselves, as this one must for PQgetCancel.
struct LibpqHandle : pqxx::largeobject {
  static PGconn* of(const pqxx::dbtransaction& transaction) { return raw_connection(transaction); }
};

const char k_event_name[] = "plumb_live_connections";

// Never destroyed: an interrupt may arrive while static objects are being
// torn down at exit, and must still find a valid (if empty) registry.
struct Registry {
  std::mutex mutex;
  std::map<const PGconn*, PGcancel*> cancels;
  std::atomic<bool> interrupted{false};
};

Registry& registry() {
  static Registry* instance = new Registry;
  return *instance;
}

void forget(const PGconn* connection) {
  Registry& live = registry();
  std::lock_guard<std::mutex> lock(live.mutex);
  const auto found = live.cancels.find(connection);
  if (found == live.cancels.end()) return;
  PQfreeCancel(found->second);
  live.cancels.erase(found);
}

// After PQreset the backend, and with it the cancel key, is a new one.
void renew(PGconn* connection) {
  Registry& live = registry();
  std::lock_guard<std::mutex> lock(live.mutex);
  const auto found = live.cancels.find(connection);
  if (found == live.cancels.end()) return;
  PQfreeCancel(found->second);
  found->second = PQgetCancel(connection);
  if (found->second == nullptr) live.cancels.erase(found);
}

// libpq calls this for every event of a tracked connection; only its reset
// and its end matter here.
int on_connection_event(PGEventId event, void* info, void*) {
  if (event == PGEVT_CONNDESTROY) forget(static_cast<PGEventConnDestroy*>(info)->conn);
  if (event == PGEVT_CONNRESET) renew(static_cast<PGEventConnReset*>(info)->conn);
  return 1;
}

}  // namespace

void track_connection(const pqxx::dbtransaction& transaction) {
  Registry& live = registry();
  if (live.interrupted) throw RuntimeFailure("interrupted");
  PGconn* connection = LibpqHandle::of(transaction);
  PGcancel* cancel = PQgetCancel(connection);
  if (cancel == nullptr) throw std::bad_alloc();
  {
    std::lock_guard<std::mutex> lock(live.mutex);
    live.cancels[connection] = cancel;
  }
  if (PQregisterEventProc(connection, on_connection_event, k_event_name, nullptr) == 0) {
    forget(connection);
    throw RuntimeFailure("cannot watch the connection for interrupts (libpq refused the event procedure)");
  }
}

int cancel_all_queries() {
  Registry& live = registry();
  std::lock_guard<std::mutex> lock(live.mutex);
  int sent = 0;
  for (const auto& entry : live.cancels) {
    char error[256];
    if (PQcancel(entry.second, error, sizeof error) != 0) ++sent;
  }
  return sent;
}

int interrupt_all_queries() {
  registry().interrupted = true;
  return cancel_all_queries();
}

bool queries_interrupted() { return registry().interrupted; }

int live_connection_count() {
  Registry& live = registry();
  std::lock_guard<std::mutex> lock(live.mutex);
  return static_cast<int>(live.cancels.size());
}

}  // namespace plumb
