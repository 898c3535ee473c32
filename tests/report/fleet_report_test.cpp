#include "report/fleet_report.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/sample_report.hpp"
#include "support/schema_validator.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

// Three targets: one with the sample report (findings, 5 rules) read from
// a replica, one clean, one that could not be reached.
FleetReport sample_fleet() {
  FleetReport fleet;
  TargetResult eu;
  eu.name = "eu-1";
  eu.status = TargetStatus::incomplete;
  eu.seconds = 1.5;
  eu.source = ReadSource{true, 0.25};
  eu.report = sample_report();
  TargetResult us;
  us.name = "us-1";
  us.status = TargetStatus::passed;
  us.report = CheckReport{};
  TargetResult gone;
  gone.name = "gone";
  gone.status = TargetStatus::unreachable;
  gone.error = "cannot connect to host=/nowhere: no such file";
  fleet.targets = {eu, us, gone};
  return fleet;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the fleet's text report has a section per target and a summary of each", "[report][fleet]") {
  const std::string text = render_fleet_report(sample_fleet(), "text", false);
  CHECK(contains(text, "== target eu-1: incomplete (1.50s, read from replica (replay lag 0.2s)) ==\n"));
  CHECK(contains(text, "== target gone: unreachable (0.00s, read from primary) ==\ncannot connect to host=/nowhere"));
  CHECK(contains(text, "fleet summary\n"
                       "target  status       errors  warnings  info  seconds\n"));
  CHECK(contains(text, "\ngone    unreachable       0         0     0     0.00\n"));
}

TEST_CASE("the fleet's json report names each target beside its usual report", "[report][fleet]") {
  const auto document = nlohmann::json::parse(render_fleet_report(sample_fleet(), "json", false));
  REQUIRE(document["targets"].size() == 3);
  CHECK(document["targets"][0]["name"] == "eu-1");
  CHECK(document["targets"][0]["source"] == nlohmann::json::parse(R"({"from": "replica", "replay_lag_seconds": 0.25})"));
  CHECK(document["targets"][0]["report"]["summary"]["rules"] == 5);
  CHECK(document["targets"][2]["error"] == "cannot connect to host=/nowhere: no such file");
  CHECK(document["summary"][2] == nlohmann::json::parse(R"({"target": "gone", "status": "unreachable", "seconds": 0.0,
                                                             "findings": {"error": 0, "warning": 0, "info": 0}})"));
}

TEST_CASE("the fleet's sarif report is one run per target, each of its own category, and validates", "[report][fleet]") {
  const std::string sarif = render_fleet_report(sample_fleet(), "sarif", false);
  const auto document = nlohmann::json::parse(sarif);
  REQUIRE(document["runs"].size() == 3);
  CHECK(document["runs"][0]["automationDetails"]["id"] == "plumb-check/eu-1/");
  CHECK(document["runs"][1]["automationDetails"]["id"] == "plumb-check/us-1/");
  CHECK(document["runs"][2]["properties"]["target"] == "gone");
  CHECK(document["runs"][2]["invocations"][0]["executionSuccessful"] == false);
  const auto validation = validate_json(sarif, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

TEST_CASE("the fleet's junit report is one testsuite per target and validates", "[report][fleet]") {
  const std::string xml = render_fleet_report(sample_fleet(), "junit", false);
  CHECK(contains(xml, "<testsuites name=\"plumb check\" tests=\"6\" failures=\"2\" errors=\"3\""));
  CHECK(contains(xml, "<testsuite name=\"plumb check eu-1\" tests=\"5\""));
  CHECK(contains(xml, "<testsuite name=\"plumb check us-1\" tests=\"0\""));
  CHECK(contains(xml, "<testsuite name=\"plumb check gone\" tests=\"1\" failures=\"0\" errors=\"1\""));
  const auto validation = validate_xml(xml, PLUMB_SOURCE_DIR "/tests/report/schemas/junit.xsd");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}
