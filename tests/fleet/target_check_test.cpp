#include "fleet/target_check.hpp"

#include <catch2/catch.hpp>

#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

RuleSet one_schema_rule() {
  const plumb::testing::TempDirectory folder;
  return load_rules({folder.write("rules.yml", "rules:\n  - id: no-invalid\n    check: no_invalid_indexes\n")});
}

}  // namespace

TEST_CASE("check_target runs the rules on a reachable target and keeps its report", "[db][fleet]") {
  TestDatabase database;
  Target target{"eu-1", database.settings(), std::nullopt, {}, {}};
  const TargetResult result = check_target(target, one_schema_rule(), TargetCheckOptions{});
  CHECK(result.name == "eu-1");
  CHECK(result.status == TargetStatus::passed);
  REQUIRE(result.report);
  CHECK(result.report->results.size() == 1);
  CHECK_FALSE(result.source.replica);
}

TEST_CASE("check_target says a target that cannot be reached is unreachable, with a masked line", "[fleet]") {
  Target target{"gone", ConnectionSettings::from_string("host=/nonexistent-plumb port=5999 password=pw-hidden-1 dbname=x", "test"),
                std::nullopt, {}, {}};
  const TargetResult result = check_target(target, one_schema_rule(), TargetCheckOptions{});
  CHECK(result.status == TargetStatus::unreachable);
  CHECK(result.error.find("cannot connect to ") == 0);
  CHECK(result.error.find("pw-hidden-1") == std::string::npos);
  CHECK_FALSE(result.report);
}
