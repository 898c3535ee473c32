#include "fleet/target_check.hpp"

#include <fmt/format.h>

#include <chrono>

#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "db/replica_state.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// Opens the first connection on its own, so that a server that cannot be
// reached is told apart from a run that failed later; over it, a replica's
// lag is read before any rule.
bool reach(const ConnectionSettings& settings, const TargetCheckOptions& options, TargetResult& result) {
  try {
    auto connection = connect(settings, ReadOnlySession{options.check.lock_timeout, options.check.statement_timeout});
    if (result.source.replica) result.source.replay_lag_seconds = replay_lag_seconds(*connection);
    return true;
  } catch (const RuntimeFailure& error) {
    if (queries_interrupted()) throw;
    result.status = TargetStatus::unreachable;
    result.error = one_line(error.what());
    return false;
  }
}

// A replica further behind than --max-replica-lag shows old rows as they
// were: a batch finished on the primary still looks running there, so
// stale_rows would report a false stuck batch. Its rules are skipped.
TargetCheckOptions with_replica_skips(const TargetCheckOptions& options, const ReadSource& source) {
  if (!source.replay_lag_seconds || *source.replay_lag_seconds <= options.max_replica_lag_seconds) return options;
  TargetCheckOptions skipping = options;
  skipping.check.skipped_kinds["stale_rows"] =
      fmt::format("the replica's replay lags {:.1f}s, more than --max-replica-lag {:g}s: stale rows seen there may be "
                  "done on the primary", *source.replay_lag_seconds, options.max_replica_lag_seconds);
  return skipping;
}

void run_rules(const ConnectionSettings& settings, const RuleSet& rules, const TargetCheckOptions& options,
               TargetResult& result) {
  try {
    CheckReport report = run_checks(settings, rules, options.check);
    result.status = status_of(report, options.fail_on);
    result.report = std::move(report);
  } catch (const std::exception& error) {
    if (queries_interrupted()) throw;
    result.status = TargetStatus::failed;
    result.error = describe_database_error(error);
  }
}

}  // namespace

TargetStatus status_of(const CheckReport& report, Severity fail_on) {
  if (report.incomplete()) return TargetStatus::incomplete;
  return report.has_failing_findings(fail_on) ? TargetStatus::findings : TargetStatus::passed;
}

TargetResult check_target(const Target& target, const RuleSet& rules, const TargetCheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  TargetResult result;
  result.name = target.name;
  result.source.replica = target.replica.has_value();
  const ConnectionSettings& settings = target.replica ? *target.replica : target.primary;
  if (reach(settings, options, result)) run_rules(settings, rules, with_replica_skips(options, result.source), result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace plumb
