// TargetCheck: one target of a fleet checked by the same runner that
// `plumb check` uses for one database, its outcome kept as a TargetResult
// instead of thrown, so that the other targets still run.
#pragma once

#include "fleet/fleet_targets.hpp"
#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "vocabulary/fleet_report.hpp"

namespace plumb {

struct TargetCheckOptions {
  CheckOptions check;                   // as for one database (--jobs, timeouts, --only, ...)
  Severity fail_on = Severity::error;   // what makes the target's status `findings`
  double max_replica_lag_seconds = 30;  // --max-replica-lag: beyond it, stale_rows rules are skipped
};

// Runs `rules` against the target: on its replica when it has one (data and
// schema rules alike: both only read), else on its primary. A replica's
// replay lag is read first and kept in the result. Never throws for the
// target's own failures: a connection that cannot be opened is status
// unreachable, any later failure status failed, each with one masked line.
// Rethrows only when an interrupt cancelled the queries.
TargetResult check_target(const Target& target, const RuleSet& rules, const TargetCheckOptions& options);

// A target's status from its report: incomplete when a rule errored or timed
// out, findings when one is at or above `fail_on`, else passed.
TargetStatus status_of(const CheckReport& report, Severity fail_on);

}  // namespace plumb
