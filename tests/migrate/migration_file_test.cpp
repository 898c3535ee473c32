#include <catch2/catch.hpp>
#include <unistd.h>

#include "migrate/migration_file.hpp"
#include "support/temp_directory.hpp"
#include "util/errors.hpp"
#include "util/sha256.hpp"

using plumb::load_migrations;
using plumb::parse_migration_file;
using plumb::testing::TempDirectory;

TEST_CASE("a migration file gives its version name checksum and both parts", "[migrate]") {
  const std::string text =
      "-- adds a table\n"
      "-- plumb:up\n"
      "CREATE TABLE t (id int);\n"
      "CREATE INDEX t_id ON t (id);\n"
      "-- plumb:down\n"
      "DROP TABLE t;\n";
  const auto migration = parse_migration_file("migrations/007_add_t.sql", text);
  CHECK(migration.version == 7);
  CHECK(migration.name == "add_t");
  CHECK(migration.label() == "007_add_t");
  CHECK(migration.checksum == plumb::sha256_hex(text));
  CHECK(migration.transactional);
  REQUIRE(migration.up.size() == 2);
  CHECK(migration.up[1].where().to_string() == "migrations/007_add_t.sql:4:1");
  REQUIRE(migration.down.size() == 1);
  CHECK(migration.down[0].text() == "DROP TABLE t");
}

// Editors on Windows save "UTF-8 with BOM"; the mark is no part of the
// first line, but the checksum stays that of the file's bytes, so a file
// applied with its mark still matches its history.
TEST_CASE("a byte order mark before the up line is skipped and still counted in the checksum", "[migrate]") {
  const std::string text = "\xEF\xBB\xBF-- plumb:up\nCREATE TABLE t (id int);\n-- plumb:down\nDROP TABLE t;\n";
  const auto migration = parse_migration_file("migrations/001_t.sql", text);
  CHECK(migration.checksum == plumb::sha256_hex(text));
  REQUIRE(migration.up.size() == 1);
  CHECK(migration.up[0].text() == "CREATE TABLE t (id int)");
  CHECK(migration.up[0].where().to_string() == "migrations/001_t.sql:2:1");
  CHECK(migration.down.at(0).text() == "DROP TABLE t");
}

// A part's statements point into the file's text rather than copy it.
TEST_CASE("a migration's statements keep their text and lines after the file's text is gone", "[migrate]") {
  plumb::MigrationFile migration;
  {
    std::string text = "-- plumb:up\nSELECT 1;\n\nSELECT 2;\n-- plumb:down\nSELECT 3;\n";
    migration = parse_migration_file("migrations/001_t.sql", std::move(text));
  }
  const plumb::MigrationFile copy = migration;
  migration = plumb::MigrationFile{};
  REQUIRE(copy.up.size() == 2);
  CHECK(copy.up[1].text() == "SELECT 2");
  CHECK(copy.up[1].where().to_string() == "migrations/001_t.sql:4:1");
  CHECK(copy.down.at(0).where().to_string() == "migrations/001_t.sql:6:1");
}

TEST_CASE("the no-transaction directive marks a migration that runs statement by statement", "[migrate]") {
  const auto migration = parse_migration_file(
      "m/002_x.sql", "-- plumb:no-transaction\n-- plumb:up\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
  CHECK_FALSE(migration.transactional);
  CHECK_FALSE(migration.has_down);
}

TEST_CASE("bad migration files are refused with file and line", "[migrate]") {
  struct Case {
    std::string file;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"m/2_Add-T.sql", "-- plumb:up\nSELECT 1;\n",
       "m/2_Add-T.sql:1: bad migration file name '2_Add-T.sql' (expected NNN_name.sql: digits, '_', then a-z, 0-9 and '_')"},
      {"m/add_t.sql", "-- plumb:up\nSELECT 1;\n",
       "m/add_t.sql:1: bad migration file name 'add_t.sql' (expected NNN_name.sql: digits, '_', then a-z, 0-9 and '_')"},
      {"m/003_t.sql", "CREATE TABLE t (id int);\n-- plumb:down\nDROP TABLE t;\n",
       "m/003_t.sql:2: '-- plumb:down' is out of place (the order is: no-transaction, up, down; each once)"},
      {"m/003_t.sql", "CREATE TABLE t (id int);\n", "m/003_t.sql:1: no '-- plumb:up' line: a migration needs an up part"},
      {"m/003_t.sql", "-- plumb:up\n-- nothing\n-- plumb:down\nDROP TABLE t;\n", "m/003_t.sql:1: the up part has no statements"},
      {"m/003_t.sql", "-- plumb:transactionless\n-- plumb:up\nSELECT 1;\n",
       "m/003_t.sql:1: unknown directive '-- plumb:transactionless' (known: up, down, no-transaction)"},
      {"m/003_t.sql", "-- plumb:up\nSELECT 1;\n-- plumb:no-transaction\n",
       "m/003_t.sql:3: '-- plumb:no-transaction' is out of place (the order is: no-transaction, up, down; each once)"},
      {"m/003_t.sql", "-- plumb:up\nCREATE TABLE t (id int;\n",
       "m/003_t.sql:2:23: syntax error at or near \";\"\n    CREATE TABLE t (id int;\n                          ^"},
      {"m/003_t.sql", "-- plumb:up\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
       "m/003_t.sql:3:1: this statement cannot run inside a transaction; add a '-- plumb:no-transaction' line before '-- plumb:up'"},
      // bench/fuzz/regressions/fuzz_migration_file/not-utf8-identifier.sql, a crash before.
      {"m/001_fuzz.sql", "-- plumb:up\nCREATE INDEX ON v(\xd7)",
       "m/001_fuzz.sql:2:19: not UTF-8: byte 0xD7 does not start or continue a character (files must be UTF-8)\n"
       "    CREATE INDEX ON v(?)\n                      ^"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_MATCHES(parse_migration_file(c.file, c.text), plumb::InputError, Catch::Message(c.message));
  }
}

TEST_CASE("migrations are loaded in version order whatever their names sort as", "[migrate]") {
  TempDirectory directory;
  directory.write("10_ten.sql", "-- plumb:up\nSELECT 10;\n");
  directory.write("9_nine.sql", "-- plumb:up\nSELECT 9;\n");
  directory.write("README.md", "not a migration");
  const auto migrations = load_migrations(directory.path());
  REQUIRE(migrations.size() == 2);
  CHECK(migrations[0].version == 9);
  CHECK(migrations[1].version == 10);
}

TEST_CASE("two files with one version are refused", "[migrate]") {
  TempDirectory directory;
  directory.write("002_a.sql", "-- plumb:up\nSELECT 1;\n");
  directory.write("2_b.sql", "-- plumb:up\nSELECT 1;\n");
  CHECK_THROWS_MATCHES(load_migrations(directory.path()), plumb::InputError,
                       Catch::Message(directory.path() + "/2_b.sql:1: version 2 is also used by " + directory.path() +
                                      "/002_a.sql (each version must be unique)"));
}

TEST_CASE("a missing migrations directory is bad input", "[migrate]") {
  CHECK_THROWS_AS(load_migrations("/nonexistent/migrations"), plumb::InputError);
}

TEST_CASE("a symbolic link loop among the migrations is bad input naming it", "[migrate]") {
  const TempDirectory migrations;
  migrations.write("001_a.sql", "-- plumb:up\nSELECT 1;\n");
  const std::string loop = migrations.path() + "/002_loop.sql";
  REQUIRE(symlink(loop.c_str(), loop.c_str()) == 0);
  CHECK_THROWS_MATCHES(load_migrations(migrations.path()), plumb::InputError,
                       Catch::Message(loop + ": cannot read it: Too many levels of symbolic links"));
}

TEST_CASE("the shipped migrations load and the swap runs outside a transaction", "[migrate]") {
  const auto migrations = load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations");
  REQUIRE(migrations.size() >= 2);
  CHECK(migrations[0].label() == "001_reference_schema");
  CHECK(migrations[0].transactional);
  CHECK(migrations[1].label() == "002_batch_scoped_unique_entries");
  CHECK_FALSE(migrations[1].transactional);
  CHECK(migrations[1].up.size() == 3);
  CHECK(migrations[1].down.size() == 3);
}
