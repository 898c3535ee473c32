#include <catch2/catch.hpp>

#include "migrate/runner_lock.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace std::chrono_literals;
using plumb::RunnerLock;

TEST_CASE("each history table has its own stable runner lock key", "[migrate]") {
  CHECK(RunnerLock::key_for("public.plumb_schema_migrations") == RunnerLock::key_for("public.plumb_schema_migrations"));
  CHECK(RunnerLock::key_for("public.plumb_schema_migrations") != RunnerLock::key_for("ops.plumb_schema_migrations"));
  CHECK(RunnerLock::key_for("public.plumb_schema_migrations") > 0);
}

TEST_CASE("a second runner lock is refused as lock busy naming the holder", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  const long long key = RunnerLock::key_for("public.t");
  auto holder = std::make_unique<RunnerLock>(database.settings(), key, 0ms);
  const std::string pid = database.query_value(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
      "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  CHECK_THROWS_MATCHES(RunnerLock(database.settings(), key, 0ms), plumb::LockBusy,
                       Catch::Message("another plumb migrate runner holds the migration lock (held by backend pid " +
                                      pid + ", application 'plumb' from local); waited 0s (--lock-wait)"));
  holder.reset();  // released: the next runner gets in
  CHECK_NOTHROW(RunnerLock(database.settings(), key, 0ms));
}

TEST_CASE("the runner lock goes away with the connection that held it", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  const long long key = RunnerLock::key_for("public.t");
  {
    auto killed = database.connect();
    pqxx::nontransaction hold(*killed);
    hold.exec_params("SELECT pg_advisory_lock($1)", key);
  }  // the connection closes as a killed runner's would
  CHECK_NOTHROW(RunnerLock(database.settings(), key, 5s));
}
