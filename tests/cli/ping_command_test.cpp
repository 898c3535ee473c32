#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run_plumb.hpp"
#include "support/test_database.hpp"

using plumb::testing::count_lines;
using plumb::testing::run_plumb;
using plumb::testing::TestDatabase;

TEST_CASE("plumb ping prints the server's version, database and user", "[db][cli]") {
  TestDatabase database;
  const auto result = run_plumb({"ping", "--db", database.conninfo()});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("PostgreSQL 15.") == 0);
  CHECK(result.out.find("database:         " + database.name() + "\n") != std::string::npos);
  CHECK(result.out.find("application_name: plumb\n") != std::string::npos);
}

TEST_CASE("plumb ping --format json is machine readable", "[db][cli]") {
  TestDatabase database;
  const auto result = run_plumb({"--format", "json", "ping", "--db", database.conninfo()});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["database"] == database.name());
  CHECK(json["server_version_num"].get<int>() >= 150000);
}

TEST_CASE("plumb ping takes DATABASE_URL when --db is absent", "[db][cli]") {
  TestDatabase database;
  const auto result = run_plumb({"ping"}, {{"DATABASE_URL", "postgresql:///" + database.name()}});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("database:         " + database.name()) != std::string::npos);
}

TEST_CASE("plumb ping on an unreachable server exits 3 with one line and no password", "[cli]") {
  const auto result = run_plumb({"ping", "--db", "postgresql://u:s3cret@127.0.0.1:1/x"});
  CHECK(result.exit_code == 3);
  CHECK(result.out.empty());
  CHECK(count_lines(result.err) == 1);
  CHECK(result.err.find("plumb: cannot connect to ") == 0);
  CHECK(result.err.find("s3cret") == std::string::npos);
}

TEST_CASE("a password from PGPASSWORD never reaches the output", "[cli]") {
  const auto result = run_plumb({"ping", "--db", "host=127.0.0.1 port=1 user=u"},
                                {{"PGPASSWORD", "pgpass-s3cret"}});
  CHECK(result.exit_code == 3);
  CHECK((result.out + result.err).find("pgpass-s3cret") == std::string::npos);
}

TEST_CASE("a connection string that does not parse exits 2 without leaking its password", "[cli]") {
  const auto result = run_plumb({"ping", "--db", "host=a password=s3cret bogus=1"});
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "plumb: invalid connection string from --db: invalid connection option \"bogus\"\n");
}

TEST_CASE("a port that is not a number is bad input, exit 2, not a server that is down", "[cli]") {
  const auto result = run_plumb({"ping", "--db", "host=x port=abc"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: invalid connection string from --db: port 'abc' is not a number\n");
}
