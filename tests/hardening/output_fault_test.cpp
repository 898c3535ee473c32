// Faults while writing --output: a path that cannot be created. plumb must
// say so in one line and exit 3, and the database work it did before
// writing must be neither lost nor done again by a re-run.
#include <catch2/catch.hpp>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::CommandResult;
using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

const std::string k_things =
    "-- plumb:up\nCREATE TABLE things (id int PRIMARY KEY);\nINSERT INTO things SELECT generate_series(1, 500);\n"
    "-- plumb:down\nDROP TABLE things;\n";

std::vector<std::string> migrate_up(const TestDatabase& database, const TempDirectory& migrations,
                                    const std::string& output) {
  return {"migrate", "--db", database.conninfo(), "--migrations", migrations.path(), "--output", output, "up"};
}

std::string recorded_versions(const TestDatabase& database) {
  return database.query_value("SELECT string_agg(version::text, ',' ORDER BY version) FROM plumb_schema_migrations");
}

}  // namespace

TEST_CASE("check with --output under a regular file exits 3 naming the path and the reason", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string not_a_directory = directory.write("report.txt", "");
  const std::string output = not_a_directory + "/report.txt";

  const CommandResult result = run_plumb({"check", "--db", database.conninfo(), "--rules",
                                          directory.write("rules.yml", "rules: []\n"), "--output", output});
  CHECK(result.exit_code == 3);
  CHECK(result.err == "plumb: cannot create --output " + output + ": Not a directory\n");
  CHECK(result.out.empty());
}

TEST_CASE("migrate up whose --output cannot be written exits 3 and the migration is recorded once and not repeated",
          "[db][hardening]") {
  TestDatabase database;
  TempDirectory migrations;
  migrations.write("001_things.sql", k_things);
  const std::string not_a_directory = migrations.write("notes.txt", "");
  const std::string output = not_a_directory + "/steps.txt";

  const CommandResult failed = run_plumb(migrate_up(database, migrations, output));
  CHECK(failed.exit_code == 3);
  CHECK(failed.err.find("plumb: cannot create --output " + output + ": Not a directory\n") != std::string::npos);
  CHECK(recorded_versions(database) == "1");

  // The user fixes the path and runs it again: nothing is pending, nothing re-runs.
  const CommandResult rerun = run_plumb(migrate_up(database, migrations, migrations.path() + "/steps.txt"));
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(recorded_versions(database) == "1");
  CHECK(database.query_value("SELECT count(*) FROM things") == "500");
}
