#include <catch2/catch.hpp>

#include "vocabulary/check_report.hpp"

using namespace plumb;

namespace {

CheckReport report_with(RuleStatus status, std::vector<Severity> severities) {
  RuleResult result;
  result.rule_id = "r";
  result.status = status;
  for (auto severity : severities) {
    Finding finding;
    finding.severity = severity;
    result.findings.push_back(finding);
  }
  return CheckReport{"check", {result}, "", ""};
}

}  // namespace

TEST_CASE("a report has failing findings at or above the failing severity", "[rules]") {
  CHECK(report_with(RuleStatus::failed, {Severity::error}).has_failing_findings(Severity::error));
  CHECK_FALSE(report_with(RuleStatus::failed, {Severity::warning}).has_failing_findings(Severity::error));
  CHECK(report_with(RuleStatus::failed, {Severity::warning}).has_failing_findings(Severity::warning));
  CHECK_FALSE(report_with(RuleStatus::passed, {}).has_failing_findings(Severity::info));
}

TEST_CASE("a report is incomplete when a rule errored or timed out and only then", "[rules]") {
  CHECK(report_with(RuleStatus::timed_out, {}).incomplete());
  CHECK(report_with(RuleStatus::error, {}).incomplete());
  CHECK_FALSE(report_with(RuleStatus::failed, {Severity::error}).incomplete());
  CHECK_FALSE(report_with(RuleStatus::passed, {}).incomplete());
  // A rule that did not complete has no findings to fail on by itself.
  CHECK_FALSE(report_with(RuleStatus::timed_out, {}).has_failing_findings(Severity::info));
}
