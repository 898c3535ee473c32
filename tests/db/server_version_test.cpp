#include <catch2/catch.hpp>

#include "db/server_version.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace plumb;

TEST_CASE("a server older than PostgreSQL 15 is refused in one line naming both versions", "[db]") {
  CHECK_THROWS_WITH(require_supported_server(140011, "host=old"),
                    "the server (host=old) runs PostgreSQL 14.11; plumb needs PostgreSQL 15 or later (it reads "
                    "catalog columns that older servers do not have)");
  CHECK_THROWS_AS(require_supported_server(130000, "host=old"), RuntimeFailure);
  CHECK_NOTHROW(require_supported_server(150000, "host=new"));
  CHECK_NOTHROW(require_supported_server(170002, "host=new"));
}

// The minimum stands for features: when it moves, these say which.
TEST_CASE("the server under test has every feature the minimum version stands for", "[db]") {
  const testing::TestDatabase database;
  CHECK(database.query_value("SELECT count(*) FROM pg_attribute WHERE attrelid = 'pg_index'::regclass "
                             "AND attname = 'indnullsnotdistinct'") == "1");
  CHECK(database.query_value("SELECT count(*) FROM pg_settings WHERE name = 'client_connection_check_interval'") == "1");
  CHECK(std::stoi(database.query_value("SHOW server_version_num")) >= k_minimum_server_version);
}
