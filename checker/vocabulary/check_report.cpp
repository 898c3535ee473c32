#include "vocabulary/check_report.hpp"

namespace plumb {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

const char* to_string(RuleStatus status) {
  switch (status) {
    case RuleStatus::passed: return "passed";
    case RuleStatus::failed: return "failed";
    case RuleStatus::error: return "error";
    case RuleStatus::timed_out: return "timed_out";
    case RuleStatus::skipped: return "skipped";
  }
  return "error";
}

bool did_not_complete(RuleStatus status) { return status == RuleStatus::error || status == RuleStatus::timed_out; }

RuleResult result_for(const Rule& rule) {
  RuleResult result;
  result.rule_id = rule.id;
  result.check = rule.check;
  result.severity = rule.severity;
  result.tags = rule.tags;
  result.description = rule.description;
  result.location = rule.location;
  return result;
}

bool CheckReport::has_failing_findings(Severity fail_on) const {
  for (const auto& result : results)
    for (const auto& finding : result.findings)
      if (finding.severity >= fail_on) return true;
  return false;
}

bool CheckReport::incomplete() const {
  for (const auto& result : results)
    if (did_not_complete(result.status)) return true;
  return false;
}

}  // namespace plumb
