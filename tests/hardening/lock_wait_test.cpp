// A read behind another session's lock: every command that only reads gives
// up after its lock_timeout (it used to wait forever), exits 3, and names
// the session that holds the lock, so the user knows whom to ask.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/run_plumb.hpp"
#include "support/table_locker.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::CommandResult;
using plumb::testing::run_plumb;
using plumb::testing::TableLocker;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

TEST_CASE("lint --db against a table locked ACCESS EXCLUSIVE gives up within its timeout, exit 3, naming the blocker",
          "[db][hardening]") {
  TestDatabase database;
  database.execute("CREATE TABLE things (id int)");
  TempDirectory migrations;
  migrations.write("001_things_id.sql", "-- plumb:up\nCREATE INDEX things_id ON things (id);\n"
                                        "-- plumb:down\nDROP INDEX things_id;\n");
  TableLocker locker(database, "things", "locker");

  const auto started = std::chrono::steady_clock::now();
  const CommandResult result = run_plumb({"lint", "--db", database.conninfo(), "--migrations", migrations.path(),
                                          "--lock-timeout", "1s"},
                                         {}, "", 60s);
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK(result.exit_code == 3);
  // The statement that waited (lint's probe of the table), then who holds the lock.
  CHECK(result.err == "plumb: canceling statement due to lock timeout LINE 1: SELECT 1 FROM \"public\".\"things\" "
                      "LIMIT 1 ^; " + locker.described() + "\n");
  // One lock wait of 1 s, with room for a loaded machine; it used to hang.
  CHECK(waited < 10s);
}

TEST_CASE("check and migrate status behind an ACCESS EXCLUSIVE lock exit 3 naming the blocker", "[db][hardening]") {
  TestDatabase database;
  // The lock wait comes before the history table's columns are read.
  database.execute("CREATE TABLE things (id int); CREATE TABLE plumb_schema_migrations (version bigint)");
  TempDirectory directory;
  const std::string rules = directory.write(
      "rules.yml", "rules:\n  - id: things-have-ids\n    check: sql\n    query: \"SELECT id FROM things WHERE id IS NULL\"\n");
  TempDirectory migrations;
  migrations.write("001_things_id.sql", "-- plumb:up\nCREATE INDEX things_id ON things (id);\n");
  TableLocker things(database, "things", "locker");
  TableLocker history(database, "plumb_schema_migrations", "deploy");
  struct Case {
    std::vector<std::string> command;
    std::string blocker;
  };
  const Case cases[] = {
      {{"check", "--db", database.conninfo(), "--rules", rules, "--lock-timeout", "1s"}, things.described()},
      {{"migrate", "status", "--db", database.conninfo(), "--migrations", migrations.path(), "--lock-timeout", "1s"},
       history.described()},
  };
  for (const auto& c : cases) {
    INFO(c.command[0]);
    const CommandResult result = run_plumb(c.command, {}, "", 60s);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 3);
    // Both locks are listed; each case's own holder must be among them.
    const std::string held_by = c.blocker.substr(c.blocker.find("held by pid"));
    CHECK((result.out + result.err).find(held_by) != std::string::npos);
  }
}
