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
    std::vector<long long> version;
    bool transactional;
    size_t statements;
  };
  const Case cases[] = {
      {"001_create.sql", "-- plumb:up\nCREATE TABLE a (id int);\n-- plumb:down\nDROP TABLE a;\n", "plumb", {1}, true, 1},
      {"002_index.sql", "-- plumb:no-transaction\n-- plumb:up\nCREATE INDEX CONCURRENTLY i ON a (id);\n", "plumb", {2}, false, 1},
      {"V3__create.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n", "flyway", {3}, true, 2},
      {"V1.2.10__create.sql", "CREATE TABLE a (id int);\n", "flyway", {1, 2, 10}, true, 1},
      {"3_create.up.sql", "CREATE INDEX CONCURRENTLY i ON a (id);\n", "golang-migrate", {3}, false, 1},
      {"4_two.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n", "golang-migrate", {4}, true, 2},
      {"20240101120000_create.sql", "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n", "dbmate",
       {20240101120000}, true, 1},
      {"20240101120001_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n-- migrate:down\n",
       "dbmate", {20240101120001}, false, 1},
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

TEST_CASE("down files and Flyway's repeatable and undo files are not linted", "[lint]") {
  for (const std::string name : {"3_create.down.sql", "R__views.sql", "U3__create.sql"}) {
    INFO(name);
    CHECK(read_lint_migration(name, "SELECT 1;\n").path.empty());
  }
}

TEST_CASE("a dbmate statement keeps its line in the file", "[lint]") {
  const auto migration = read_lint_migration("20240101120000_a.sql", "-- migrate:up\n\nCREATE TABLE a (id int);\n-- migrate:down\n");
  CHECK(migration.statements.at(0).where().to_string() == "20240101120000_a.sql:3:1");
}

TEST_CASE("a folder's migrations are ordered by version whatever the layout", "[lint]") {
  TempDirectory folder;
  folder.write("V10__last.sql", "SELECT 10;\n");
  folder.write("2_second.up.sql", "SELECT 2;\n");
  folder.write("2_second.down.sql", "SELECT -2;\n");
  folder.write("V1__first.sql", "SELECT 1;\n");
  std::vector<std::string> versions;
  for (const auto& migration : read_migration_folder(folder.path())) versions.push_back(migration.version_text);
  CHECK(versions == std::vector<std::string>{"1", "2", "10"});
}

TEST_CASE("a file of no known layout is refused naming the layouts", "[lint]") {
  CHECK_THROWS_MATCHES(read_lint_migration("dir/create_users.sql", "SELECT 1;"), plumb::InputError,
                       Catch::Message("dir/create_users.sql:1: 'create_users.sql' is not a migration file name plumb knows "
                                      "(NNN_name.sql, V3__name.sql, 3_name.up.sql)"));
}

TEST_CASE("two migrations of any layout with one version are refused", "[lint]") {
  TempDirectory folder;
  folder.write("V1__a.sql", "SELECT 1;\n");
  folder.write("1_b.up.sql", "SELECT 1;\n");
  CHECK_THROWS_WITH(read_migration_folder(folder.path()),
                    Catch::Contains("version 1 is also used by") && Catch::Contains("(each version must be unique)"));
}

TEST_CASE("SQL that does not parse is refused at its file line and column", "[lint]") {
  CHECK_THROWS_MATCHES(read_lint_migration("V1__bad.sql", "CREATE TABLE a (id int);\nALTER TABEL a ADD b int;\n"), plumb::InputError,
                       Catch::Message("V1__bad.sql:2:7: syntax error at or near \"TABEL\"\n"
                                      "    ALTER TABEL a ADD b int;\n"
                                      "          ^"));
}
