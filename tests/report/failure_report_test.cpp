#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/failure_report.hpp"
#include "support/schema_validator.hpp"

using namespace plumb;
using namespace plumb::testing;

TEST_CASE("a failed run's SARIF log says execution failed, with the message and no result", "[report]") {
  const auto sarif = render_failure_report("check", "sarif", "cannot connect to host=db: refused");
  REQUIRE(sarif);
  const auto validation = validate_json(*sarif, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
  const auto log = nlohmann::json::parse(*sarif);
  CHECK(log["runs"][0]["invocations"][0]["executionSuccessful"] == false);
  CHECK(log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] ==
        "plumb check: cannot connect to host=db: refused");
  CHECK(log["runs"][0]["results"].empty());
}

TEST_CASE("a failed run's JUnit report is one testcase in error", "[report]") {
  const auto xml = render_failure_report("lint", "junit", "cannot connect <here>");
  REQUIRE(xml);
  const auto validation = validate_xml(*xml, PLUMB_SOURCE_DIR "/tests/report/schemas/junit.xsd");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
  CHECK(xml->find("<testcase name=\"plumb lint\" classname=\"plumb.lint.run\"") != std::string::npos);
  CHECK(xml->find("<error message=\"error: cannot connect &lt;here&gt;\" type=\"error\"/>") != std::string::npos);
}

TEST_CASE("text and json have no failure report: the message on stderr is it", "[report]") {
  CHECK_FALSE(render_failure_report("check", "text", "x"));
  CHECK_FALSE(render_failure_report("check", "json", "x"));
  CHECK(render_failure_report("check", "github", "x") == std::string("::error title=plumb check%3A plumb check::error: x\n"));
}
