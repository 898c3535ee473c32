#include "rules/check_report.hpp"

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
  }
  return "error";
}

bool CheckReport::has_failing_findings(Severity fail_on) const {
  for (const auto& result : results)
    for (const auto& finding : result.findings)
      if (finding.severity >= fail_on) return true;
  return false;
}

bool CheckReport::incomplete() const {
  for (const auto& result : results)
    if (result.status == RuleStatus::error || result.status == RuleStatus::timed_out) return true;
  return false;
}

}  // namespace plumb
