// Faults while writing --output: a path that cannot be created, a full disk
// (a real ENOSPC, from a filled tmpfs and from /dev/full). plumb must say so
// in one line and exit 3, leave no half-written file, and the database work
// it did before writing must be neither lost nor done again by a re-run.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/full_filesystem.hpp"
#include "support/migrate_command.hpp"
#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::CommandResult;
using plumb::testing::FullFilesystem;
using plumb::testing::run_migrate;
using plumb::testing::run_plumb;
using plumb::testing::superuser_warning;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

const std::string k_things =
    "-- plumb:up\nCREATE TABLE things (id int PRIMARY KEY);\nINSERT INTO things SELECT generate_series(1, 500);\n"
    "-- plumb:down\nDROP TABLE things;\n";

CommandResult migrate_up(const TestDatabase& database, const TempDirectory& migrations, const std::string& output) {
  return run_migrate(database.conninfo(), migrations.path(), {"--output", output, "up"});
}

std::string recorded_versions(const TestDatabase& database) {
  return database.query_value("SELECT string_agg(version::text, ',' ORDER BY version) FROM plumb_schema_migrations");
}

// The user fixes the path and runs migrate up again: version 1 stays
// recorded once and nothing runs a second time.
void require_rerun_applies_nothing(const TestDatabase& database, const TempDirectory& migrations) {
  const CommandResult rerun = migrate_up(database, migrations, migrations.path() + "/steps.txt");
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(migrations.read("steps.txt") == "nothing to apply: up to date\n");
  CHECK(recorded_versions(database) == "1");
  CHECK(database.query_value("SELECT count(*) FROM things") == "500");
}

CommandResult check_into(const TestDatabase& database, const TempDirectory& directory, const std::string& output) {
  return run_plumb({"check", "--db", database.conninfo(), "--rules", directory.write("rules.yml", "rules: []\n"),
                    "--output", output});
}

CommandResult sweep_apply(const TestDatabase& database, const std::string& output) {
  return run_plumb({"sweep", "--db", database.conninfo(), "--rules",
                    std::string(PLUMB_SOURCE_DIR) + "/rules/reference-data.yml", "--apply", "--output", output});
}

std::string no_space(const std::string& output) {
  return "plumb: cannot write --output " + output +
         ": No space left on device (the report went to standard output instead)\n";
}

const std::string k_empty_check_report = "0 rules: 0 errors, 0 warnings, 0 info\n";

}  // namespace

TEST_CASE("check with --output under a regular file exits 3 naming the path and the reason", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string output = directory.write("report.txt", "") + "/report.txt";

  const CommandResult result = check_into(database, directory, output);
  CHECK(result.exit_code == 3);
  CHECK(result.err == superuser_warning() +
                          "plumb: cannot create --output " + output + ": Not a directory (the report went to standard output instead)\n");
  CHECK(result.out == k_empty_check_report);
}

TEST_CASE("migrate up whose --output cannot be written exits 3 and the migration is recorded once and not repeated",
          "[db][hardening]") {
  TestDatabase database;
  TempDirectory migrations;
  migrations.write("001_things.sql", k_things);
  const std::string output = migrations.write("notes.txt", "") + "/steps.txt";

  const CommandResult failed = migrate_up(database, migrations, output);
  CHECK(failed.exit_code == 3);
  CHECK(failed.err.find("plumb: cannot create --output " + output +
                        ": Not a directory (the report went to standard output instead)\n") != std::string::npos);
  CHECK(failed.out.find("applied  001_things in ") == 0);
  CHECK(recorded_versions(database) == "1");

  require_rerun_applies_nothing(database, migrations);
}

TEST_CASE("check with --output on a full disk exits 3 with No space left on device and leaves no file",
          "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  FullFilesystem full;
  const std::string output = full.path() + "/report.txt";

  const CommandResult result = check_into(database, directory, output);
  CHECK(result.exit_code == 3);
  CHECK(result.err == superuser_warning() + no_space(output));
  CHECK(result.out == k_empty_check_report);
  CHECK(full.entries() == "filler");  // neither the report nor its temporary file
}

TEST_CASE("migrate up with --output on a full disk exits 3 and the migration is recorded once and not repeated",
          "[db][hardening]") {
  TestDatabase database;
  TempDirectory migrations;
  migrations.write("001_things.sql", k_things);
  FullFilesystem full;
  const std::string output = full.path() + "/steps.txt";

  const CommandResult failed = migrate_up(database, migrations, output);
  CHECK(failed.exit_code == 3);
  CHECK(failed.err == "applying 001_things\n" + no_space(output));
  CHECK(failed.out.find("applied  001_things in ") == 0);
  CHECK(full.entries() == "filler");
  CHECK(recorded_versions(database) == "1");
  require_rerun_applies_nothing(database, migrations);
}

TEST_CASE("sweep --apply with --output on a full disk exits 3 and batch 28 is moved once and not again",
          "[db][hardening]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  plumb::testing::load_incident(database);
  FullFilesystem full;
  const std::string output = full.path() + "/moved.txt";

  const CommandResult failed = sweep_apply(database, output);
  CHECK(failed.exit_code == 3);
  CHECK(failed.err == superuser_warning() + no_space(output));
  // What moved and what to start again is not lost with the disk.
  CHECK(failed.out.find("what: moved 1 row(s) of invitation_logs") != std::string::npos);
  CHECK(failed.out.find("loggable_type=Workshop loggable_id=3668 audience=students action=invite") != std::string::npos);
  CHECK(full.entries() == "filler");
  const std::string batch_28 =
      "SELECT status || ' ' || completed_at FROM invitation_logs WHERE id = 28 AND error_message IS NOT NULL";
  const std::string moved = database.query_value(batch_28);
  CHECK(moved.rfind("failed ", 0) == 0);

  TempDirectory directory;
  const CommandResult rerun = sweep_apply(database, directory.path() + "/moved.txt");
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(database.query_value(batch_28) == moved);  // not moved a second time
  CHECK(database.query_value("SELECT count(*) FROM invitation_logs WHERE status = 'running'") == "0");
}

TEST_CASE("check with --output /dev/full exits 3 with No space left on device", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const CommandResult result = check_into(database, directory, "/dev/full");
  CHECK(result.exit_code == 3);
  CHECK(result.err == superuser_warning() + no_space("/dev/full"));
  CHECK(result.out == k_empty_check_report);
  CHECK(std::filesystem::is_character_file("/dev/full"));
}

TEST_CASE("check with --output /dev/stdout writes the report to standard output", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const CommandResult result = check_into(database, directory, "/dev/stdout");
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "0 rules: 0 errors, 0 warnings, 0 info\n");
  CHECK(std::filesystem::is_symlink("/dev/stdout"));
}

TEST_CASE("check with --output through a symbolic link replaces the file it points to and keeps the link",
          "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string report = directory.write("report.txt", "an old report\n");
  const std::string link = directory.path() + "/latest.txt";
  std::filesystem::create_symlink(report, link);

  const CommandResult result = check_into(database, directory, link);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(std::filesystem::is_symlink(link));
  CHECK(directory.read("report.txt") == "0 rules: 0 errors, 0 warnings, 0 info\n");
}
