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
