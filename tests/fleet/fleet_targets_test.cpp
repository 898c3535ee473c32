#include "fleet/fleet_targets.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

#include "support/temp_directory.hpp"
#include "util/errors.hpp"

using plumb::InputError;
using plumb::load_targets;
using plumb::select_targets;
using plumb::testing::TempDirectory;

namespace {

// The one line (first line) of the error that loading `text` raises.
std::string first_error_line(const std::string& text) {
  TempDirectory folder;
  const std::string path = folder.write("targets.yml", text);
  try {
    load_targets(path);
  } catch (const InputError& error) {
    const std::string message = error.what();
    return message.substr(message.find("targets.yml"), message.find('\n') - message.find("targets.yml"));
  }
  return "no error";
}

const char* k_fleet =
    "targets:\n"
    "  - name: eu-1\n"
    "    db: \"host=/tmp port=5432 dbname=eu1\"\n"
    "    replica: \"host=/tmp port=5433 dbname=eu1\"\n"
    "    tags: [eu, shard]\n"
    "  - name: us-1\n"
    "    db_env: PLUMB_TEST_US1_URL\n"
    "    tags: [us, shard]\n"
    "  - name: billing\n"
    "    db: \"dbname=billing\"\n";

}  // namespace

TEST_CASE("a targets file gives each target its name, connection, replica and tags in file order", "[fleet]") {
  ::setenv("PLUMB_TEST_US1_URL", "dbname=us1", 1);
  TempDirectory folder;
  const auto targets = load_targets(folder.write("targets.yml", k_fleet));
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].name == "eu-1");
  CHECK(targets[0].primary.option("dbname") == "eu1");
  REQUIRE(targets[0].replica);
  CHECK(targets[0].replica->option("port") == "5433");
  CHECK(targets[0].tags == std::vector<std::string>{"eu", "shard"});
  CHECK(targets[1].primary.option("dbname") == "us1");
  CHECK_FALSE(targets[2].replica);
  CHECK(targets[2].location.line == 9);
}

TEST_CASE("selecting with --target picks by name or tag, in file order, and refuses a selector that picks nothing", "[fleet]") {
  ::setenv("PLUMB_TEST_US1_URL", "dbname=us1", 1);
  TempDirectory folder;
  const auto targets = load_targets(folder.write("targets.yml", k_fleet));
  CHECK(select_targets(targets, {}).size() == 3);
  const auto shards = select_targets(targets, {"billing", "shard"});
  REQUIRE(shards.size() == 3);
  CHECK(shards[0].name == "eu-1");
  CHECK(select_targets(targets, {"us"}).front().name == "us-1");
  CHECK_THROWS_WITH(select_targets(targets, {"asia"}), "--target asia: no target has this name or tag");
}

TEST_CASE("a bad targets file is one line naming file, line and column", "[fleet]") {
  ::unsetenv("PLUMB_TEST_UNSET_URL");
  const std::string twice = first_error_line("targets:\n  - name: a\n    db: dbname=a\n  - name: a\n    db: dbname=b\n");
  CHECK(twice.find("targets.yml:4:11: target 'a' is given twice (first at ") == 0);
  CHECK(twice.substr(twice.size() - 16) == "targets.yml:2:5)");
  CHECK(first_error_line("targets:\n  - name: a\n    db: dbname=a\n    replicas: dbname=b\n") ==
        "targets.yml:4:5: unknown key 'replicas' (expected one of: name, db, db_env, replica, tags)");
  CHECK(first_error_line("targets:\n  - name: a\n    tags: [x]\n") == "targets.yml:2:5: target 'a': missing db (or db_env)");
  CHECK(first_error_line("targets:\n  - db: dbname=a\n") == "targets.yml:2:5: target without a name");
  CHECK(first_error_line("targets:\n  - name: a\n    db_env: PLUMB_TEST_UNSET_URL\n") ==
        "targets.yml:3:13: target 'a' db_env: the environment variable PLUMB_TEST_UNSET_URL is not set or empty");
  CHECK(first_error_line("target:\n  - name: a\n") == "targets.yml:1:1: unknown key 'target' (expected targets)");
}

TEST_CASE("a password in a targets file never shows in its errors", "[fleet]") {
  const std::string line =
      first_error_line("targets:\n  - name: a\n    db: \"postgresql://app:s3cretpw@db/app?port=x\"\n");
  CHECK(line.find("s3cretpw") == std::string::npos);
  CHECK(line.find("targets.yml:3:9: ") == 0);
}
