#include <catch2/catch.hpp>

#include "report/junit_report.hpp"
#include "support/sample_report.hpp"
#include "support/schema_validator.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const std::string k_xsd = PLUMB_SOURCE_DIR "/tests/report/schemas/junit.xsd";

}  // namespace

TEST_CASE("the junit report validates against the junit schema with xmllint", "[report]") {
  const auto validation = validate_xml(render_junit(sample_report()), k_xsd);
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

TEST_CASE("the junit validator refuses a document that breaks the schema", "[report]") {
  const auto validation = validate_xml("<testsuites><testsuite name=\"x\" tests=\"-1\" failures=\"0\" errors=\"0\"/></testsuites>", k_xsd);
  CHECK(validation.exit_code != 0);
}

TEST_CASE("the junit report has one testcase per rule with failures and errors counted", "[report]") {
  const std::string xml = render_junit(sample_report());
  CHECK(xml.find("<testsuite name=\"plumb check\" tests=\"5\" failures=\"2\" errors=\"2\" time=\"1.250\" skipped=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("<testcase name=\"entries-unique\" classname=\"plumb.check.duplicates\" time=\"0.250\"/>") !=
        std::string::npos);
  CHECK(xml.find("<error message=\"timed out: canceling statement due to statement timeout (timeout 1s)\" "
                 "type=\"timed_out\"/>") != std::string::npos);
  CHECK(xml.find("<failure message=\"1 row(s) of invitation_logs have a status outside (running, completed, failed)\" "
                 "type=\"warning\">") != std::string::npos);
}

TEST_CASE("the junit failure body carries the why and fix and samples escaped", "[report]") {
  const std::string xml = render_junit(sample_report());
  CHECK(xml.find("where status = &apos;running&apos; for more than 30m; the oldest for 232 days\n"
                 "why: a stuck batch blocks &lt;every&gt; new batch: 100% of them,\nfor good\n"
                 "fix: plumb sweep --only no-stuck-batches\n"
                 "  id=28, audience=students, error_message=NULL</failure>") != std::string::npos);
}
