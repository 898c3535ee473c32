#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::TestDatabase;

namespace {

// A count that takes minutes, made of functions that are not volatile.
const char* k_endless_query = "SELECT count(*) FROM generate_series(1, 200000) a, generate_series(1, 200000) b";

// Waits until a backend of `database` other than the caller's runs the
// endless query; fails the test after a minute.
void wait_until_running(const TestDatabase& database) {
  for (int i = 0; i < 3000; ++i) {
    if (database.query_value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             "AND state = 'active' AND query LIKE 'SELECT count(*) FROM generate_series%'") == "1")
      return;
    std::this_thread::sleep_for(20ms);
  }
  FAIL("the endless query never started");
}

}  // namespace

TEST_CASE("a connection is tracked while it is open and forgotten when it closes", "[db]") {
  TestDatabase database;
  const int before = plumb::live_connection_count();
  auto connection = plumb::connect(database.settings());
  CHECK(plumb::live_connection_count() == before + 1);
  connection.reset();
  CHECK(plumb::live_connection_count() == before);
}

TEST_CASE("cancel_all_queries stops a query that another thread is running, on the server", "[db]") {
  TestDatabase database;
  auto running = std::async(std::launch::async, [&database] {
    auto connection = plumb::connect(database.settings(), plumb::ReadOnlySession{});
    try {
      pqxx::read_transaction work(*connection);
      work.exec(k_endless_query);
      return std::string("finished");
    } catch (const pqxx::sql_error& error) {
      return error.sqlstate() + " " + plumb::describe_database_error(error);
    }
  });
  wait_until_running(database);
  CHECK(plumb::cancel_all_queries() >= 1);
  REQUIRE(running.wait_for(10s) == std::future_status::ready);
  CHECK(running.get() == "57014 canceling statement due to user request");
  CHECK(database.query_value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             "AND query LIKE 'SELECT count(*) FROM generate_series%' AND state = 'active'") == "0");
}
