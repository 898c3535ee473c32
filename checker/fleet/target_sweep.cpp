#include "fleet/target_sweep.hpp"

#include <chrono>

#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "db/replica_state.hpp"
#include "db/superuser_warning.hpp"
#include "fleet/target_check.hpp"
#include "rules/volatile_function_guard.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

std::unique_ptr<pqxx::connection> reach(const Target& target, const TargetSweepOptions& options, TargetResult& result) {
  try {
    const ReadOnlySession dry_run{options.sweep.safety.lock_timeout, options.sweep.safety.statement_timeout};
    return options.sweep.apply ? connect(target.primary) : connect(target.primary, dry_run);
  } catch (const RuntimeFailure& error) {
    if (queries_interrupted()) throw;
    result.status = TargetStatus::unreachable;
    result.error = one_line(error.what());
    return nullptr;
  }
}

// What `plumb sweep` does on its one connection, the target's outcome kept.
void sweep_on(pqxx::connection& connection, const Target& target, const std::vector<Rule>& rules,
              const TargetSweepOptions& options, TargetResult& result) {
  try {
    refuse_standby(connection, "plumb sweep", target.primary.describe());
    refuse_volatile_calls(connection, rules, options.allow_volatile);
    warn_when_superuser(connection);
    CheckReport report = run_sweeps(connection, rules, options.sweep);
    result.status = status_of(report, Severity::error);
    result.report = std::move(report);
  } catch (const std::exception& error) {
    if (queries_interrupted()) throw;
    result.status = TargetStatus::failed;
    result.error = describe_database_error(error);
  }
}

}  // namespace

TargetResult sweep_target(const Target& target, const std::vector<Rule>& rules, const TargetSweepOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  TargetResult result;
  result.name = target.name;
  if (auto connection = reach(target, options, result)) sweep_on(*connection, target, rules, options, result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace plumb
