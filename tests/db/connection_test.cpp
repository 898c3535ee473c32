#include <catch2/catch.hpp>

#include "db/connection.hpp"
#include "db/server_info.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using plumb::testing::TestDatabase;

TEST_CASE("a connection reaches the test server and names itself plumb", "[db]") {
  TestDatabase database;
  auto connection = plumb::connect(database.settings());
  const auto info = plumb::read_server_info(*connection);
  CHECK(info.database == database.name());
  CHECK(info.server_version_num >= 150000);
  CHECK(info.application_name == "plumb");
}

TEST_CASE("an unreachable server is a runtime failure on one masked line", "[db]") {
  const auto settings =
      plumb::ConnectionSettings::from_string("postgresql://u:s3cret@127.0.0.1:1/x", "--db");
  try {
    plumb::connect(settings);
    FAIL("connected to port 1");
  } catch (const plumb::RuntimeFailure& error) {
    const std::string message = error.what();
    CHECK(message.find("cannot connect to dbname=x host=127.0.0.1 password=**** port=1 user=u: ") == 0);
    CHECK(message.find("s3cret") == std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
}

namespace {

// The values of `settings` in the session of `connection`, comma separated.
std::string shown(pqxx::connection& connection, const std::vector<std::string>& settings) {
  pqxx::nontransaction work(connection);
  std::string values;
  for (const auto& setting : settings) values += (values.empty() ? "" : ",") + work.exec1("SHOW " + setting)[0].as<std::string>();
  return values;
}

const std::vector<std::string> k_session_settings = {"lock_timeout", "statement_timeout",
                                                     "default_transaction_read_only",
                                                     "client_connection_check_interval"};

}  // namespace

TEST_CASE("a read-only session waits and runs no longer than its limits, and cannot write", "[db]") {
  TestDatabase database;
  auto connection = plumb::connect(database.settings(), plumb::ReadOnlySession{std::chrono::milliseconds(1500),
                                                                               std::chrono::seconds(42)});
  CHECK(shown(*connection, k_session_settings) == "1500ms,42s,on,1s");
  pqxx::work work(*connection);
  try {
    work.exec("CREATE TABLE written (id int)");
    FAIL("a read-only session wrote");
  } catch (const pqxx::sql_error& error) {
    CHECK(error.sqlstate() == "25006");  // read_only_sql_transaction
  }
}

TEST_CASE("a writing session keeps the server's timeouts and still checks for a vanished client", "[db]") {
  TestDatabase database;
  auto connection = plumb::connect(database.settings());
  CHECK(shown(*connection, k_session_settings) == "0,0,off,1s");
}

TEST_CASE("the default limits of a read-only session are 5 s for a lock and 60 s for a statement", "[db]") {
  TestDatabase database;
  auto connection = plumb::connect(database.settings(), plumb::ReadOnlySession{});
  CHECK(shown(*connection, {"lock_timeout", "statement_timeout"}) == "5s,1min");
}
