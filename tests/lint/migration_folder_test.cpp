#include <catch2/catch.hpp>

#include "lint/migration_folder.hpp"
#include "support/temp_directory.hpp"
#include "util/errors.hpp"

using plumb::read_lint_migration;
using plumb::read_migration_folder;
using plumb::testing::TempDirectory;

TEST_CASE("each tool's migration file layout is read with its version and transaction", "[lint]") {
  struct Case {
    std::string name;
    std::string text;
    std::string layout;
    std::string version;
    bool transactional;
    size_t statements;
  };
  const Case cases[] = {
      {"001_create.sql", "-- plumb:up\nCREATE TABLE a (id int);\n-- plumb:down\nDROP TABLE a;\n", "plumb", "001", true, 1},
      {"002_index.sql", "-- plumb:no-transaction\n-- plumb:up\nCREATE INDEX CONCURRENTLY i ON a (id);\n", "plumb", "002", false, 1},
      {"V3__create.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n", "flyway", "3", true, 2},
      {"V1.2.10__create.sql", "CREATE TABLE a (id int);\n", "flyway", "1.2.10", true, 1},
      {"V4__index.sql", "-- flyway:executeInTransaction=false\nCREATE INDEX CONCURRENTLY i ON a (id);\n", "flyway", "4", false, 1},
      {"3_create.up.sql", "CREATE INDEX CONCURRENTLY i ON a (id);\n", "golang-migrate", "3", false, 1},
      {"4_two.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n", "golang-migrate", "4", true, 2},
      {"20240101120000_create.sql", "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n", "dbmate",
       "20240101120000", true, 1},
      {"20240101120001_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n-- migrate:down\n",
       "dbmate", "20240101120001", false, 1},
      {"20150100000001000000_networks.postgres.up.sql", "CREATE TABLE networks (id uuid);\n", "pop", "20150100000001000000", true, 1},
      {"20241029153900000001_identities.autocommit.up.sql", "CREATE INDEX CONCURRENTLY i ON a (id);\n", "pop",
       "20241029153900000001", false, 1},
      {"005_seed.sql", "INSERT INTO a VALUES (1);\n", "plain", "005", false, 1},
      {"schema.sql", "CREATE TABLE a (id int);\n", "plain", "schema.sql", false, 1},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto migration = read_lint_migration(c.name, c.text);
    CHECK(migration.layout == c.layout);
    CHECK(migration.version == c.version);
    CHECK(migration.transactional == c.transactional);
    CHECK(migration.statements.size() == c.statements);
  }
}

TEST_CASE("down files, Flyway's undo files and pop's files for other databases are not linted", "[lint]") {
  for (const std::string name : {"3_create.down.sql", "U3__create.sql", "20150100000001000000_n.mysql.up.sql"}) {
    INFO(name);
    CHECK(read_lint_migration(name, "SELECT 1;\n").path.empty());
  }
}

TEST_CASE("a dbmate statement keeps its line in the file", "[lint]") {
  const auto migration = read_lint_migration("20240101120000_a.sql", "-- migrate:up\n\nCREATE TABLE a (id int);\n-- migrate:down\n");
  CHECK(migration.statements.at(0).where().to_string() == "20240101120000_a.sql:3:1");
}

TEST_CASE("a folder's migrations are ordered by version whatever the layout, and the layouts are named", "[lint]") {
  TempDirectory folder;
  folder.write("V10__last.sql", "SELECT 10;\n");
  folder.write("2_second.up.sql", "SELECT 2;\n");
  folder.write("2_second.down.sql", "SELECT -2;\n");
  folder.write("V1__first.sql", "SELECT 1;\n");
  const auto read = read_migration_folder(folder.path());
  std::vector<std::string> versions;
  for (const auto& migration : read.migrations) versions.push_back(migration.version);
  CHECK(versions == std::vector<std::string>{"1", "2", "10"});
  CHECK(read.layout == "flyway + golang-migrate");
}

TEST_CASE("a Diesel migration runs in a transaction unless its metadata.toml turns it off", "[lint]") {
  TempDirectory folder;
  folder.write("2020-01-01-000000_create/up.sql", "CREATE TABLE a (id int);\n");
  folder.write("2020-01-02-000000_index/up.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  folder.write("2020-01-02-000000_index/metadata.toml", "run_in_transaction = false\n");
  const auto read = read_migration_folder(folder.path());
  REQUIRE(read.migrations.size() == 2);
  CHECK(read.layout == "diesel");
  CHECK(read.migrations[0].transactional);
  CHECK_FALSE(read.migrations[1].transactional);
}

TEST_CASE("a file that does not parse is kept with the parser's message at its line, and the others are read", "[lint]") {
  TempDirectory folder;
  folder.write("V1__good.sql", "CREATE TABLE a (id int);\n");
  const std::string bad = folder.write("V2__bad.sql", "CREATE TABLE b (id int);\nALTER TABEL a ADD b int;\n");
  folder.write("V3__good.sql", "CREATE TABLE c (id int);\n");
  const auto read = read_migration_folder(folder.path());
  REQUIRE(read.migrations.size() == 3);
  CHECK_FALSE(read.migrations[0].problem);
  REQUIRE(read.migrations[1].problem);
  CHECK(read.migrations[1].problem->where.to_string() == bad + ":2:7");
  CHECK(read.migrations[1].problem->message == "syntax error at or near \"TABEL\"");
  CHECK(read.migrations[1].problem->detail == bad + ":2:7: syntax error at or near \"TABEL\"\n    ALTER TABEL a ADD b int;\n          ^");
  CHECK(read.migrations[2].statements.size() == 1);
}

TEST_CASE("a plumb file that does not parse is still named plumb's, not plain SQL", "[lint]") {
  TempDirectory folder;
  folder.write("001_good.sql", "-- plumb:up\nCREATE TABLE a (id int);\n");
  folder.write("002_bad.sql", "-- plumb:up\nCREATE TABLE b (id int;\n");
  const auto read = read_migration_folder(folder.path());
  REQUIRE(read.migrations.size() == 2);
  REQUIRE(read.migrations[1].problem);
  CHECK(read.migrations[1].layout == "plumb");
  CHECK(read.layout == "plumb");
}

TEST_CASE("the later of two migrations with one version is kept with a problem", "[lint]") {
  TempDirectory folder;
  const std::string earlier = folder.write("V001__a.sql", "SELECT 1;\n");
  const std::string later = folder.write("V1__b.sql", "SELECT 1;\n");
  const auto read = read_migration_folder(folder.path());
  REQUIRE(read.migrations.size() == 2);
  CHECK_FALSE(read.migrations[0].problem);
  REQUIRE(read.migrations[1].problem);
  CHECK(read.migrations[1].path == later);
  CHECK(read.migrations[1].problem->message == "version 1 is also used by " + earlier + " (each version must be unique)");
}

TEST_CASE("SQL that does not parse is kept as the file's problem at its line and column", "[lint]") {
  const auto migration = read_lint_migration("V1__bad.sql", "CREATE TABLE a (id int);\nALTER TABEL a ADD b int;\n");
  REQUIRE(migration.problem);
  CHECK(migration.problem->detail ==
        "V1__bad.sql:2:7: syntax error at or near \"TABEL\"\n    ALTER TABEL a ADD b int;\n          ^");
  CHECK(migration.statements.empty());
}
