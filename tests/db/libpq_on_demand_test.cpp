#include <catch2/catch.hpp>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

// The dynamic loader's own account (LD_DEBUG=files, on stderr) of the
// libraries the binary loaded: libpq is loaded by the first command that
// connects, never by one that does not.
namespace {

bool loaded_libpq(const std::string& loader_log) { return loader_log.find("file=libpq.so.5") != std::string::npos; }

}  // namespace

TEST_CASE("plumb lint without a database never loads libpq", "[libpq]") {
  TempDirectory migrations;
  migrations.write("001_users.sql", "-- plumb:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
  const auto result = run_plumb({"lint", "--migrations", migrations.path()}, {{"LD_DEBUG", "files"}});
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("file=") != std::string::npos);  // the loader did report its files
  CHECK_FALSE(loaded_libpq(result.err));
}

TEST_CASE("a command that connects loads libpq and works through it", "[db][libpq]") {
  TestDatabase database;
  const auto result = run_plumb({"ping", "--db", database.conninfo()}, {{"LD_DEBUG", "files"}});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("database:         " + database.name() + "\n") != std::string::npos);
  CHECK(loaded_libpq(result.err));
}

TEST_CASE("a libpq without the functions plumb calls is one line and exit 3", "[libpq]") {
  const auto result = run_plumb({"ping", "--db", "host=127.0.0.1 port=1"}, {{"LD_LIBRARY_PATH", PLUMB_INCOMPLETE_LIBPQ_DIR}});
  CHECK(result.exit_code == 3);
  CHECK(result.err ==
        "plumb: libpq.so.5 has no function PQbackendPID: plumb needs libpq from PostgreSQL 15 or later\n");
  CHECK(result.out.empty());
}
