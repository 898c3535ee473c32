// TargetSweep: one target of a fleet swept by the same runner that `plumb
// sweep` uses for one database, always on the target's primary (a replica's
// rows may lag, and a standby cannot take the moves), its outcome kept as a
// TargetResult so that the other targets still run.
#pragma once

#include <string>
#include <vector>

#include "fleet/fleet_targets.hpp"
#include "sweep/sweep_runner.hpp"
#include "vocabulary/fleet_report.hpp"

namespace plumb {

struct TargetSweepOptions {
  SweepOptions sweep;                       // --apply, --limit, --lock-timeout
  std::vector<std::string> allow_volatile;  // --allow-volatile
};

// Sweeps `rules` on the target's primary. Never throws for the target's own
// failures: no connection is status unreachable; a standby, a volatile call
// the server knows, or any later failure is status failed, each with one
// masked line. Rethrows only when an interrupt cancelled the queries.
TargetResult sweep_target(const Target& target, const std::vector<Rule>& rules, const TargetSweepOptions& options);

}  // namespace plumb
