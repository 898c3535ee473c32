#include <catch2/catch.hpp>

#include "migrate/migration_baseline.hpp"
#include "util/errors.hpp"

using plumb::AppliedMigration;
using plumb::compare_with_history;
using plumb::MigrationFile;
using plumb::parse_migration_file;
using plumb::plan_baseline;

namespace {

// Versions 1, 2 and 5 (read when first used: the reader's own constants must exist by then).
const std::vector<MigrationFile>& files() {
  static const std::vector<MigrationFile> files = {parse_migration_file("m/001_one.sql", "-- plumb:up\nSELECT 1;\n"),
                                                   parse_migration_file("m/002_two.sql", "-- plumb:up\nSELECT 2;\n"),
                                                   parse_migration_file("m/005_five.sql", "-- plumb:up\nSELECT 5;\n")};
  return files;
}

AppliedMigration row(long long version, const std::string& outcome) {
  AppliedMigration applied;
  applied.version = version;
  applied.name = version == 1 ? "one" : "two";
  applied.checksum = files()[version == 1 ? 0 : 1].checksum;
  applied.outcome = outcome;
  return applied;
}

std::vector<long long> versions(const std::vector<MigrationFile>& files) {
  std::vector<long long> found;
  for (const auto& file : files) found.push_back(file.version);
  return found;
}

}  // namespace

TEST_CASE("baseline marks every file up to the version on a database without history", "[migrate]") {
  CHECK(versions(plan_baseline(compare_with_history(files(), {}), 2, false)) == std::vector<long long>{1, 2});
  CHECK(versions(plan_baseline(compare_with_history(files(), {}), 5, false)) == std::vector<long long>{1, 2, 5});
}

TEST_CASE("baseline with force replaces baselined and failed entries but never one that ran", "[migrate]") {
  const auto replaced = plan_baseline(compare_with_history(files(), {row(1, "baselined"), row(2, "failed")}), 2, true);
  CHECK(versions(replaced) == std::vector<long long>{1, 2});
  for (const std::string outcome : {"applied", "repaired"}) {
    INFO(outcome);
    CHECK_THROWS_MATCHES(plan_baseline(compare_with_history(files(), {row(1, outcome)}), 2, true), plumb::InputError,
                         Catch::Message("version 1 (one) is " + outcome + ": baseline never replaces a migration that ran"));
  }
}

TEST_CASE("baseline is refused for a version no file has and on a database with history", "[migrate]") {
  CHECK_THROWS_MATCHES(plan_baseline(compare_with_history(files(), {}), 3, false), plumb::InputError,
                       Catch::Message("--version 3: no migration file has this version (baseline marks the files up to one that exists)"));
  CHECK_THROWS_MATCHES(plan_baseline(compare_with_history(files(), {row(1, "baselined")}), 2, false), plumb::InputError,
                       Catch::Message("the history already has 1 entries: baseline is for a database plumb has not "
                                      "migrated yet (--force replaces baselined and failed entries, never applied ones)"));
}
