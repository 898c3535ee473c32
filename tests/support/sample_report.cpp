#include "support/sample_report.hpp"

namespace plumb::testing {
namespace {

RuleResult rule(const std::string& id, const std::string& check, int line, RuleStatus status) {
  RuleResult result;
  result.rule_id = id;
  result.check = check;
  result.location = {"rules/reference-data.yml", line, 5};
  result.status = status;
  result.seconds = 0.25;
  return result;
}

}  // namespace

CheckReport sample_report() {
  RuleResult passed = rule("entries-unique", "duplicates", 10, RuleStatus::passed);
  passed.description = "one entry per member and invitation within a batch";
  passed.tags = {"incident", "data"};

  RuleResult stuck = rule("no-stuck-batches", "stale_rows", 3, RuleStatus::failed);
  Finding finding;
  finding.object = "table invitation_logs";
  finding.message = "1 row(s) of invitation_logs where status = 'running' for more than 30m; the oldest for 232 days";
  finding.why = "a stuck batch blocks <every> new batch: 100% of them,\nfor good";
  finding.fix = "plumb sweep --only no-stuck-batches";
  finding.key = "invitation_logs";
  finding.samples = {{"id", "audience", "error_message"}, {{"28", "students", std::nullopt}}};
  stuck.findings.push_back(finding);

  RuleResult statuses = rule("statuses", "accepted_values", 20, RuleStatus::failed);
  Finding odd;
  odd.severity = Severity::warning;
  odd.object = "column invitation_logs.status";
  odd.message = "1 row(s) of invitation_logs have a status outside (running, completed, failed)";
  odd.key = "invitation_logs.status";
  odd.location = SourceLocation{"migrations/002 fix.sql", 7, 1};
  statuses.findings.push_back(odd);

  RuleResult error = rule("counters", "sql", 30, RuleStatus::error);
  error.error = "ERROR: cannot execute DELETE in a read-only transaction";
  RuleResult timed_out = rule("big-scan", "sql", 40, RuleStatus::timed_out);
  timed_out.error = "canceling statement due to statement timeout (timeout 1s)";
  return CheckReport{"check", {passed, stuck, statuses, error, timed_out}, "", ""};
}

}  // namespace plumb::testing
