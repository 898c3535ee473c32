#include <catch2/catch.hpp>

#include "migrate/migration_history.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using plumb::HistoryTable;
using plumb::MigrationHistory;

TEST_CASE("the history table is named as schema dot name or just name", "[migrate]") {
  CHECK(HistoryTable::parse("plumb_schema_migrations").qualified() == "public.plumb_schema_migrations");
  CHECK(HistoryTable::parse("ops.history").qualified() == "ops.history");
  for (const std::string bad : {"", "a.", ".b", "a.b.c"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(HistoryTable::parse(bad), plumb::InputError,
                         Catch::Message("--history-table: '" + bad + "' is not [SCHEMA.]NAME"));
  }
}

TEST_CASE("the history records a migration once and forgets it when reverted", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  auto connection = database.connect();
  const MigrationHistory history(HistoryTable{"ops", "Odd Name"});
  CHECK(history.read(*connection).empty());  // reading never creates the table
  history.ensure_exists(*connection);
  const auto file = plumb::parse_migration_file("m/003_x.sql", "-- plumb:up\nSELECT 1;\n");
  {
    pqxx::work work(*connection);
    history.record(work, file, 12, "failed: boom");
    history.record(work, file, 34, "applied");
    work.commit();
  }
  const auto rows = history.read(*connection);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].version == 3);
  CHECK(rows[0].name == "x");
  CHECK(rows[0].checksum == file.checksum);
  CHECK(rows[0].duration_ms == 34);
  CHECK(rows[0].outcome == "applied");
  CHECK(rows[0].client_host == "local");
  {
    pqxx::work work(*connection);
    history.forget(work, 3);
    work.commit();
  }
  CHECK(history.read(*connection).empty());
}
