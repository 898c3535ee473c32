#include <catch2/catch.hpp>

#include "rules/check_report.hpp"

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
  return CheckReport{"check", {result}};
}

}  // namespace

TEST_CASE("a report fails on findings at or above the failing severity", "[rules]") {
  CHECK(report_with(RuleStatus::failed, {Severity::error}).fails(Severity::error));
  CHECK_FALSE(report_with(RuleStatus::failed, {Severity::warning}).fails(Severity::error));
  CHECK(report_with(RuleStatus::failed, {Severity::warning}).fails(Severity::warning));
  CHECK_FALSE(report_with(RuleStatus::passed, {}).fails(Severity::info));
}

TEST_CASE("a rule that did not complete fails the report whatever its severity", "[rules]") {
  CHECK(report_with(RuleStatus::timed_out, {}).fails(Severity::error));
  CHECK(report_with(RuleStatus::error, {}).fails(Severity::error));
}
