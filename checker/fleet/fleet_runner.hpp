// FleetRunner: runs one job per target of a fleet, a few at once, with an
// optional canary phase and a stop after the first failure.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace plumb {

struct FleetRunOptions {
  // Jobs run at once (`--parallel`); each job opens its own connections.
  int parallel = 2;
  // The first `canary` jobs run one by one, before the others start
  // (`migrate up --canary N`): a bad migration stops at the first shard.
  int canary = 0;
  // After a job failed, start no new one (`migrate up` without
  // --keep-going); the jobs already running finish.
  bool stop_after_failure = false;
};

// Calls job(i) for i in [0, count), at most options.parallel at a time,
// in order of i. The job returns true when its target succeeded; it must
// report its own target's failures in its result, not by throwing. A job
// that throws all the same (an interrupt) stops the run: no new job starts,
// and the first exception is rethrown once the running ones have finished.
// Returns, per index, whether its job was started.
std::vector<bool> run_fleet(size_t count, const FleetRunOptions& options, const std::function<bool(size_t)>& job);

}  // namespace plumb
