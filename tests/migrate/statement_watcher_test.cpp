#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "migrate/statement_watcher.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;

namespace {

// Polls `sql` on `database` until it returns "t"; fails after a minute.
void wait_until_true(const plumb::testing::TestDatabase& database, const std::string& sql) {
  for (int i = 0; i < 3000; ++i) {
    if (database.query_value(sql) == "t") return;
    std::this_thread::sleep_for(20ms);
  }
  FAIL("timed out waiting for: " << sql);
}

std::string waiting_on_lock(int pid) {
  return "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = " + std::to_string(pid);
}

}  // namespace

TEST_CASE("the watcher names the backend that blocks the runner", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  database.execute("CREATE TABLE t (id int)");
  auto blocker = database.connect();
  pqxx::work blocking(*blocker);
  blocking.exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  auto runner = database.connect();
  plumb::StatementWatcher watcher(database.settings(), runner->backendpid(), 10ms);
  REQUIRE(watcher.connected());
  watcher.begin();
  auto waiting = std::async(std::launch::async, [&] {
    pqxx::work work(*runner);
    work.exec("SELECT count(*) FROM t");
  });
  wait_until_true(database, waiting_on_lock(runner->backendpid()));
  std::this_thread::sleep_for(300ms);  // a few of the watcher's looks
  blocking.commit();
  waiting.get();
  const auto seen = watcher.end();
  REQUIRE(seen.blocker);
  CHECK(seen.blocker->pid == blocker->backendpid());
  CHECK(seen.blocker->state == "idle in transaction");
  CHECK(seen.blocker->query == "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  CHECK_FALSE(seen.cancelled);
  watcher.begin();  // the next statement starts with nothing seen
  CHECK_FALSE(watcher.end().blocker);
}

TEST_CASE("the watcher cancels a lock wait only once another session queues behind it", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  database.execute("CREATE TABLE t (id int); CREATE TABLE other (id int)");
  auto blocker = database.connect();
  pqxx::work blocking(*blocker);
  blocking.exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  auto runner = database.connect();
  plumb::StatementWatcher watcher(database.settings(), runner->backendpid(), 10ms);
  watcher.begin(50ms);
  auto waiting = std::async(std::launch::async, [&] {
    pqxx::work work(*runner);
    work.exec("LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE");  // waits, queueing nobody
  });
  wait_until_true(database, waiting_on_lock(runner->backendpid()));
  std::this_thread::sleep_for(500ms);  // ten times cancel_after: left alone, nobody is behind it
  CHECK(waiting.wait_for(0ms) == std::future_status::timeout);
  // A session that wants a lock the runner's request conflicts with queues behind the runner.
  auto queued = database.connect();
  auto behind = std::async(std::launch::async, [&] {
    pqxx::work work(*queued);
    work.exec("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE");
  });
  CHECK_THROWS_AS(waiting.get(), pqxx::sql_error);  // canceling statement due to user request
  const auto seen = watcher.end();
  CHECK(seen.cancelled);
  blocking.commit();
  behind.get();
}
