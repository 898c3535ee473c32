#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "migrate/statement_watcher.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;

TEST_CASE("the watcher names the backend that blocks the runner", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  database.execute("CREATE TABLE t (id int)");
  auto blocker = database.connect();
  pqxx::work blocking(*blocker);
  blocking.exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  auto runner = database.connect();
  plumb::StatementWatcher watcher(database.settings(), runner->backendpid());
  auto waiting = std::async(std::launch::async, [&] {
    pqxx::work work(*runner);
    work.exec("SELECT count(*) FROM t");
  });
  std::optional<plumb::Blocker> seen;
  for (int i = 0; i < 3000 && !seen; ++i) {
    std::this_thread::sleep_for(20ms);
    seen = watcher.last_blocker();
  }
  blocking.commit();
  waiting.get();
  REQUIRE(seen);
  CHECK(seen->pid == blocker->backendpid());
  CHECK(seen->state == "idle in transaction");
  CHECK(seen->query == "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
}
