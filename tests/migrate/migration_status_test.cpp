#include <catch2/catch.hpp>

#include "migrate/migration_status.hpp"
#include "util/errors.hpp"

using plumb::AppliedMigration;
using plumb::compare_with_history;
using plumb::MigrationFile;
using plumb::MigrationState;
using plumb::parse_migration_file;

namespace {

MigrationFile file(const std::string& name, const std::string& sql = "SELECT 1;") {
  return parse_migration_file("m/" + name, "-- plumb:up\n" + sql + "\n");
}

AppliedMigration applied(const MigrationFile& migration) {
  AppliedMigration row;
  row.version = migration.version;
  row.name = migration.name;
  row.checksum = migration.checksum;
  row.outcome = "applied";
  return row;
}

}  // namespace

TEST_CASE("status tells applied pending edited and missing versions apart", "[migrate]") {
  const auto one = file("001_one.sql"), two = file("002_two.sql"), three = file("003_three.sql");
  auto edited_row = applied(two);
  edited_row.checksum = "0123";
  auto gone = applied(file("004_gone.sql"));
  const std::vector<MigrationFile> files{one, two, three};
  const auto entries = compare_with_history(files, {applied(one), edited_row, gone});
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].state == MigrationState::applied);
  CHECK(entries[1].state == MigrationState::edited);
  CHECK(entries[2].state == MigrationState::pending);
  CHECK(entries[2].out_of_order);
  CHECK(entries[3].state == MigrationState::missing_file);
  CHECK(to_string(entries[3].state) == "missing file");
}

TEST_CASE("a failed no-transaction run counts as pending", "[migrate]") {
  const auto one = file("001_one.sql");
  auto row = applied(one);
  row.outcome = "failed: boom";
  const std::vector<MigrationFile> files{one};
  CHECK(compare_with_history(files, {row})[0].state == MigrationState::pending);
}

TEST_CASE("validate names an edited file with both checksums", "[migrate]") {
  const auto one = file("001_one.sql");
  auto row = applied(one);
  row.checksum = "abc";
  const std::vector<MigrationFile> files{one};
  CHECK_THROWS_MATCHES(plumb::validate(compare_with_history(files, {row}), false), plumb::InputError,
                       Catch::Message("migrations do not match the database's history:\n"
                                      "  m/001_one.sql: version 1 was edited after it was applied (applied checksum abc, "
                                      "file checksum " + one.checksum +
                                      "); write a new migration instead, or if the change is deliberate record it "
                                      "with `plumb migrate repair --apply --reason TEXT`"));
}

TEST_CASE("validate refuses an out of order version unless allowed", "[migrate]") {
  const auto one = file("001_one.sql"), two = file("002_two.sql");
  const std::vector<MigrationFile> files{one, two};
  const auto entries = compare_with_history(files, {applied(two)});
  CHECK_THROWS_MATCHES(plumb::validate(entries, false), plumb::InputError,
                       Catch::Message("migrations do not match the database's history:\n"
                                      "  m/001_one.sql: version 1 is pending but lower than an applied version; "
                                      "rename it to a higher version, or pass --allow-out-of-order"));
  CHECK_NOTHROW(plumb::validate(entries, true));
}

TEST_CASE("validate refuses a database newer than the checkout", "[migrate]") {
  const std::vector<MigrationFile> files;
  const auto entries = compare_with_history(files, {applied(file("005_later.sql"))});
  CHECK_THROWS_MATCHES(plumb::validate(entries, true), plumb::InputError,
                       Catch::Message("migrations do not match the database's history:\n"
                                      "  version 5 (later) is applied in the database but has no file in this checkout: "
                                      "the database is newer than the code; update the checkout"));
}

TEST_CASE("baselined and repaired versions count as applied and a failed one as pending", "[migrate]") {
  const auto one = file("001_one.sql"), two = file("002_two.sql"), three = file("003_three.sql");
  auto baselined = applied(one), repaired = applied(two), failed = applied(three);
  baselined.outcome = "baselined";
  repaired.outcome = "repaired";
  failed.outcome = "failed";
  const std::vector<MigrationFile> files{one, two, three};
  const auto entries = compare_with_history(files, {baselined, repaired, failed});
  CHECK(entries[0].state == MigrationState::applied);
  CHECK(entries[1].state == MigrationState::applied);
  CHECK(entries[2].state == MigrationState::pending);
  CHECK_FALSE(entries[2].out_of_order);
  CHECK_NOTHROW(plumb::validate(entries, false));
}

TEST_CASE("an applied file renamed with the same content is refused by validate naming both names", "[migrate]") {
  const auto renamed = file("001_new_name.sql");
  auto row = applied(renamed);
  row.name = "old_name";
  const std::vector<MigrationFile> files{renamed};
  const auto entries = compare_with_history(files, {row});
  CHECK(entries[0].state == MigrationState::renamed);
  CHECK_THROWS_MATCHES(plumb::validate(entries, false), plumb::InputError,
                       Catch::Message("migrations do not match the database's history:\n  m/001_new_name.sql: version 1 "
                                      "was applied as 'old_name' and its file is now named 'new_name' (same content); "
                                      "rename it back, or record the new name with `plumb migrate repair --apply --reason TEXT`"));
}
