#include <catch2/catch.hpp>

#include "migrate/migration_repair.hpp"

using plumb::AppliedMigration;
using plumb::compare_with_history;
using plumb::parse_migration_file;
using plumb::plan_repair;
using plumb::RepairItem;

TEST_CASE("repair lists changed and renamed applied files and failed attempts, nothing else", "[migrate]") {
  const auto same = parse_migration_file("m/001_same.sql", "-- plumb:up\nSELECT 1;\n");
  const auto edited = parse_migration_file("m/002_edited.sql", "-- plumb:up\nSELECT 2; -- now with a comment\n");
  const auto renamed = parse_migration_file("m/003_new_name.sql", "-- plumb:up\nSELECT 3;\n");
  const auto failed = parse_migration_file("m/004_failed.sql", "-- plumb:up\nSELECT 4;\n");
  const std::vector<AppliedMigration> history = {
      {1, "same", same.checksum, "", 0, "u", "local", "applied", "", "", ""},
      {2, "edited", "0ld", "", 0, "u", "local", "baselined", "", "", ""},
      {3, "old_name", renamed.checksum, "", 0, "u", "local", "applied", "", "", ""},
      {4, "failed", failed.checksum, "", 0, "u", "local", "failed", "", "", "division by zero"},
      {9, "gone", "abc", "", 0, "u", "local", "applied", "", "", ""},
  };
  const std::vector<plumb::MigrationFile> files{same, edited, renamed, failed};
  const auto items = plan_repair(compare_with_history(files, history));
  REQUIRE(items.size() == 3);
  CHECK(items[0].kind == RepairItem::Kind::checksum);
  CHECK(items[0].version == 2);
  CHECK(items[0].before == "0ld");
  CHECK(items[0].after == edited.checksum);
  CHECK(items[1].kind == RepairItem::Kind::name);
  CHECK(items[1].before == "old_name");
  CHECK(items[1].after == "new_name");
  CHECK(items[2].kind == RepairItem::Kind::failed_attempt);
  CHECK(items[2].before == "division by zero");
}
