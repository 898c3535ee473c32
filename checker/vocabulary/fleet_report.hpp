// FleetReport: the outcome of one command over the targets of a fleet, one
// TargetResult per target with that target's own report, which report/
// renders as a single document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vocabulary/check_report.hpp"

namespace plumb {

enum class TargetStatus {
  passed,       // ran, nothing at or above --fail-on
  findings,     // ran, findings at or above --fail-on (exit 1)
  incomplete,   // ran, but a rule errored or timed out (exit 3)
  unreachable,  // no connection could be opened (exit 3)
  failed,       // connected, then the run failed (exit 3)
  not_started,  // a failure elsewhere stopped the fleet before this target began
};

// "passed", "findings", "incomplete", "unreachable", "failed", "not started".
const char* to_string(TargetStatus status);

// Where a target's rules read, and how far behind its primary that was.
struct ReadSource {
  bool replica = false;                       // the target's `replica:`, else its primary
  std::optional<double> replay_lag_seconds;   // read before the rules ran, for a replica
};

struct TargetResult {
  std::string name;
  TargetStatus status = TargetStatus::not_started;
  std::string error;  // unreachable or failed: what happened, one masked line
  double seconds = 0;
  ReadSource source;
  std::optional<CheckReport> report;  // when the target's run produced one
};

struct FleetReport {
  std::string command = "check";
  std::vector<TargetResult> targets;  // in the targets file's order
};

}  // namespace plumb
