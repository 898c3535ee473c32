#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/baseline.hpp"
#include "report/sarif_report.hpp"
#include "support/sample_report.hpp"
#include "support/schema_validator.hpp"

using namespace plumb;
using namespace plumb::testing;
using nlohmann::json;

namespace {

const std::string k_schema = PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json";

}  // namespace

TEST_CASE("the sarif report validates against the sarif 2.1.0 schema", "[report]") {
  const auto validation = validate_json(render_sarif(sample_report()), k_schema);
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

TEST_CASE("the sarif validator refuses a log with an unknown level", "[report]") {
  auto log = json::parse(render_sarif(sample_report()));
  log["runs"][0]["results"][0]["level"] = "fatal";
  const auto validation = validate_json(log.dump(), k_schema);
  CHECK(validation.exit_code == 1);
  CHECK(validation.output == "runs/0/results/0/level: 'fatal' is not one of ['none', 'note', 'warning', 'error']\n");
}

TEST_CASE("every rule is in the sarif driver rules and results point at the rule's line", "[report]") {
  const auto run = json::parse(render_sarif(sample_report()))["runs"][0];
  REQUIRE(run["tool"]["driver"]["rules"].size() == 5);
  CHECK(run["tool"]["driver"]["rules"][0]["id"] == "entries-unique");
  CHECK(run["tool"]["driver"]["rules"][0]["properties"]["tags"] == json::array({"incident", "data"}));
  const auto& stuck = run["results"][0];
  CHECK(stuck["ruleId"] == "no-stuck-batches");
  CHECK(stuck["ruleIndex"] == 1);
  CHECK(stuck["level"] == "error");
  CHECK(stuck["locations"][0]["physicalLocation"] ==
        json{{"artifactLocation", {{"uri", "rules/reference-data.yml"}}}, {"region", {{"startLine", 3}, {"startColumn", 5}}}});
  CHECK(stuck["partialFingerprints"]["plumbFinding/v1"] ==
        finding_fingerprint("no-stuck-batches", sample_report().results[1].findings[0]));
}

TEST_CASE("a sarif result with its own location points there with the path as a uri", "[report]") {
  const auto result = json::parse(render_sarif(sample_report()))["runs"][0]["results"][1];
  CHECK(result["level"] == "warning");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "migrations/002%20fix.sql");
  CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
}

TEST_CASE("rules that errored or timed out are sarif errors and notifications of an unsuccessful run", "[report]") {
  const auto run = json::parse(render_sarif(sample_report()))["runs"][0];
  REQUIRE(run["results"].size() == 4);
  CHECK(run["results"][3]["message"]["text"] == "timed out: canceling statement due to statement timeout (timeout 1s)");
  CHECK(run["invocations"][0]["executionSuccessful"] == false);
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["associatedRule"] == json{{"id", "counters"}, {"index", 3}});
}
