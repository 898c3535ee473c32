// Baseline: the findings a team has accepted for now, by fingerprint, so
// that CI fails only on new ones and says which accepted ones are gone.
#pragma once

#include <string>
#include <vector>

#include "vocabulary/check_report.hpp"

namespace plumb {

// sha256 of the rule id, a newline and the finding's key: stable across runs
// while the same rule finds the same thing, whatever its counts and samples.
std::string finding_fingerprint(const std::string& rule_id, const Finding& finding);

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;  // for people reading the file; matching uses the fingerprint only
  std::string object;
  std::string message;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The baseline file for `report`'s findings: JSON, {"version": 1, "findings":
// [{fingerprint, rule, object, message}...]}, sorted by rule and fingerprint so
// that it diffs well. Rules that did not complete record nothing.
std::string write_baseline(const CheckReport& report);

// The baseline in `text` (the contents of `file`). Throws InputError naming
// `file` when it is not a baseline of a version this plumb reads.
Baseline read_baseline(const std::string& text, const std::string& file);

struct BaselineOutcome {
  // The report without the findings the baseline holds; a failed rule left
  // with no finding counts as passed. Errors and timeouts are kept.
  CheckReport report;
  int suppressed = 0;                   // findings the baseline held
  std::vector<BaselineEntry> resolved;  // baseline entries that no longer occur
};

// Splits `report`'s findings into new ones and known ones. An entry of a rule
// that did not complete this time is not counted as resolved: nobody looked.
BaselineOutcome apply_baseline(const CheckReport& report, const Baseline& baseline);

}  // namespace plumb
