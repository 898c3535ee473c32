#include <catch2/catch.hpp>

#include "db/connection.hpp"
#include "db/lock_holders.hpp"
#include "support/table_locker.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::TableLocker;
using plumb::testing::TestDatabase;

namespace {

// Reads `things` with a lock_timeout of 100 ms; returns the error.
std::string read_things(pqxx::connection& connection) {
  try {
    pqxx::read_transaction work(connection);
    work.exec("SELECT count(*) FROM things");
  } catch (const pqxx::sql_error& error) {
    CHECK(plumb::is_lock_timeout(error));
    return plumb::describe_database_error(error);
  }
  return "no error";
}

}  // namespace

TEST_CASE("a read that times out on a lock names the session holding it: pid, application and query", "[db]") {
  TestDatabase database;
  database.execute("CREATE TABLE things (id int)");
  TableLocker holder(database, "things", "holder");
  auto connection = plumb::connect(database.settings(), plumb::ReadOnlySession{100ms, 10s});

  CHECK_THAT(read_things(*connection), Catch::StartsWith("canceling statement due to lock timeout"));
  CHECK(plumb::describe_lock_holders(*connection) ==
        "ACCESS EXCLUSIVE lock (it blocks reads) held by pid " + std::to_string(holder.pid()) +
            " (application_name 'holder', idle in transaction) on things; its query: LOCK TABLE things IN "
            "ACCESS EXCLUSIVE MODE");
  CHECK(plumb::describe_lock_holders(database.settings()) == plumb::describe_lock_holders(*connection));
}

TEST_CASE("when the holder has finished, describe_lock_holders says that none is left", "[db]") {
  TestDatabase database;
  auto connection = plumb::connect(database.settings(), plumb::ReadOnlySession{});
  CHECK(plumb::describe_lock_holders(*connection) ==
        "no session holds an ACCESS EXCLUSIVE lock any more (the holder finished after plumb gave up)");
}

TEST_CASE("an error that is not a lock timeout is not taken for one", "[db]") {
  CHECK_FALSE(plumb::is_lock_timeout(pqxx::sql_error("canceling statement due to user request", "SELECT 1", "57014")));
  CHECK_FALSE(plumb::is_lock_timeout(std::runtime_error("canceling statement due to lock timeout")));
  CHECK(plumb::is_lock_timeout(pqxx::sql_error("canceling statement due to lock timeout", "SELECT 1", "55P03")));
}
