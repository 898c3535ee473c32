// CheckReport: the outcome of running rules (check, lint and sweep all return
// one), which report/ renders as text, json, junit, sarif or github.
#pragma once

#include <string>
#include <vector>

#include "vocabulary/finding.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

enum class RuleStatus {
  passed,     // ran, found nothing
  failed,     // ran, has findings
  error,      // could not run (a statement failed, a write was refused)
  timed_out,  // stopped by its statement_timeout
  skipped,    // not run on purpose (e.g. stale_rows on a lagging replica); `error` says why
};

// "passed", "failed", "error", "timed_out", "skipped".
const char* to_string(RuleStatus status);

// True for error and timed_out: the rule did not complete, so its run proves
// nothing about what it checks (reports count it apart, the run exits 3).
bool did_not_complete(RuleStatus status);

struct RuleResult {
  std::string rule_id;
  std::string check;  // the check kind
  Severity severity = Severity::error;
  std::vector<std::string> tags;
  std::string description;
  SourceLocation location;  // the rule's line in its rules file
  RuleStatus status = RuleStatus::passed;
  std::string error;  // for error and timed_out: what happened, one line; for skipped: why
  double seconds = 0;
  std::vector<Finding> findings;
};

// A result for `rule` with its id, kind, severity, tags, description and
// place filled in, status passed and no findings yet: for any runner of rules.
RuleResult result_for(const Rule& rule);

struct CheckReport {
  std::string command = "check";  // "check", "lint" or "sweep"
  std::vector<RuleResult> results;
  // What was checked, said above the summary when set (lint: the layout
  // detected and how many files were linted).
  std::string subject;
  // Which rules ran and how they were configured, when the command lets the
  // user choose (lint: the defaults, or the defaults with the overrides).
  std::string rule_set;

  // True when a finding is at or above `fail_on`: what makes a complete run
  // exit 1.
  bool has_failing_findings(Severity fail_on) const;
  // True when a rule did not complete (error or timed out). The run then
  // proves nothing about that rule, so it exits 3 whatever the findings.
  bool incomplete() const;
};

}  // namespace plumb
