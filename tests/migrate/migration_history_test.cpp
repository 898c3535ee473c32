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

namespace {

// The history table exactly as plumb wrote it before the reason,
// previous_checksum and error columns.
const std::string k_first_format =
    "CREATE TABLE plumb_schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, "
    "applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint NOT NULL, "
    "applied_by text NOT NULL DEFAULT current_user, "
    "client_host text NOT NULL DEFAULT coalesce(host(inet_client_addr()), 'local'), outcome text NOT NULL);"
    "INSERT INTO plumb_schema_migrations (version, name, checksum, duration_ms, outcome) VALUES (1, 'one', 'abc', 7, 'applied')";

std::string columns(const plumb::testing::TestDatabase& database) {
  return database.query_value(
      "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
      "WHERE attrelid = 'plumb_schema_migrations'::regclass AND attnum > 0 AND NOT attisdropped");
}

}  // namespace

TEST_CASE("a history table of the first format is read as it is and upgraded once without losing a row", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  database.execute(k_first_format);
  auto connection = database.connect();
  const MigrationHistory history(HistoryTable{});
  const auto before = history.read(*connection);  // reading changes nothing
  REQUIRE(before.size() == 1);
  CHECK(before[0].outcome == "applied");
  CHECK(before[0].reason.empty());
  CHECK(columns(database) == "version,name,checksum,applied_at,duration_ms,applied_by,client_host,outcome");
  history.ensure_exists(*connection);
  history.ensure_exists(*connection);  // idempotent
  CHECK(columns(database) ==
        "version,name,checksum,applied_at,duration_ms,applied_by,client_host,outcome,reason,previous_checksum,error");
  const auto after = history.read(*connection);
  REQUIRE(after.size() == 1);
  CHECK(after[0].checksum == "abc");
  CHECK(after[0].duration_ms == 7);
  CHECK(after[0].applied_at == before[0].applied_at);
}

TEST_CASE("a failed attempt is recorded for a pending version but never over an applied one", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  auto connection = database.connect();
  const MigrationHistory history(HistoryTable{});
  history.ensure_exists(*connection);
  const auto one = plumb::parse_migration_file("m/001_one.sql", "-- plumb:up\nSELECT 1;\n");
  const auto two = plumb::parse_migration_file("m/002_two.sql", "-- plumb:up\nSELECT 2;\n");
  {
    pqxx::work work(*connection);
    history.record(work, one, 5, "applied");
    history.record_failure(work, one, 6, "boom");
    history.record_failure(work, two, 7, "first");
    history.record_failure(work, two, 8, "second");
    work.commit();
  }
  const auto rows = history.read(*connection);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].outcome == "applied");
  CHECK(rows[0].error.empty());
  CHECK(rows[1].outcome == "failed");
  CHECK(rows[1].error == "second");
  CHECK_FALSE(rows[1].counts_as_applied());
}

TEST_CASE("a repair keeps the checksum it replaces and the reason", "[db][migrate]") {
  plumb::testing::TestDatabase database;
  auto connection = database.connect();
  const MigrationHistory history(HistoryTable{});
  history.ensure_exists(*connection);
  const auto original = plumb::parse_migration_file("m/001_one.sql", "-- plumb:up\nSELECT 1;\n");
  const auto edited = plumb::parse_migration_file("m/001_one.sql", "-- plumb:up\nSELECT 1; -- fixed a comment\n");
  {
    pqxx::work work(*connection);
    history.record_baseline(work, original, "adopted");
    history.record_repair(work, edited, "comment typo");
    work.commit();
  }
  const auto rows = history.read(*connection);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].outcome == "repaired");
  CHECK(rows[0].checksum == edited.checksum);
  CHECK(rows[0].previous_checksum == original.checksum);
  CHECK(rows[0].reason == "comment typo");
  CHECK(rows[0].counts_as_applied());
}
