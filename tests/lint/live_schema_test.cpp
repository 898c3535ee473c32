#include <catch2/catch.hpp>

#include "lint/lint_support.hpp"
#include "lint/live_schema.hpp"
#include "support/reference_schema.hpp"
#include "support/test_database.hpp"

using plumb::testing::TestDatabase;
using plumb::testing::unsuppressed;

namespace {

plumb::CheckReport lint_against(const TestDatabase& database, const std::string& sql) {
  auto connection = database.connect();
  return plumb::lint_migrations(plumb::testing::read_texts({{"2_change.up.sql", sql}}), {},
                                plumb::read_live_schema(*connection));
}

}  // namespace

TEST_CASE("with a database an index build on a table with rows is flagged", "[db][lint]") {
  TestDatabase database;
  database.execute("CREATE TABLE accounts (id int); INSERT INTO accounts VALUES (1);");
  CHECK(unsuppressed(lint_against(database, "CREATE INDEX a_id ON accounts (id);"), "index-without-concurrently").size() == 1);
}

TEST_CASE("with a database an index build on an empty table is fine", "[db][lint]") {
  TestDatabase database;
  database.execute("CREATE TABLE accounts (id int);");
  CHECK(unsuppressed(lint_against(database, "CREATE INDEX a_id ON accounts (id);"), "index-without-concurrently").empty());
}

TEST_CASE("pending only keeps the migrations the history has not recorded as applied", "[lint]") {
  const auto migrations = plumb::testing::read_texts(
      {{"001_a.sql", "-- plumb:up\nSELECT 1;\n"}, {"002_b.sql", "-- plumb:up\nSELECT 2;\n"}, {"003_c.sql", "-- plumb:up\nSELECT 3;\n"}});
  std::vector<plumb::AppliedMigration> history(2);
  history[0].version = 1;
  history[0].outcome = "applied";
  history[1].version = 2;
  history[1].outcome = "failed: timeout";
  std::vector<std::string> pending;
  for (const auto& migration : plumb::pending_only(migrations, history)) pending.push_back(migration.version);
  CHECK(pending == std::vector<std::string>{"002", "003"});
}
