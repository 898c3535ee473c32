#include "fleet/target_migration_run.hpp"

#include <chrono>
#include <functional>

#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// The history as it is now, over a read-only session.
std::vector<MigrationStatusEntry> read_entries(const Target& target, const FleetMigrationInput& input) {
  auto connection = connect(target.primary, ReadOnlySession{input.options.lock_timeout});
  return compare_with_history(input.files, input.history.read(*connection));
}

// Runs `work` for the target, timing it; a first connection that cannot be
// opened is `unreachable`, any later failure `failed`.
TargetMigration run_on(const Target& target, const std::function<void(TargetMigration&)>& work) {
  const auto started = std::chrono::steady_clock::now();
  TargetMigration result;
  result.name = target.name;
  try {
    connect(target.primary);  // opened and closed: tells an outage apart from a failed migration
  } catch (const RuntimeFailure& error) {
    if (queries_interrupted()) throw;
    result.status = TargetMigrationStatus::unreachable;
    result.error = one_line(error.what());
  }
  if (result.status != TargetMigrationStatus::unreachable) {
    try {
      work(result);
      result.status = TargetMigrationStatus::done;
    } catch (const std::exception& error) {
      if (queries_interrupted()) throw;
      result.status = TargetMigrationStatus::failed;
      result.error = describe_database_error(error);
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace

TargetMigration migrate_target_up(const Target& target, const FleetMigrationInput& input) {
  return run_on(target, [&](TargetMigration& result) {
    MigrationRunner runner(target.primary, input.history, input.options);
    try {
      result.steps = runner.up(input.files, input.to);
    } catch (...) {
      result.steps = runner.steps();
      // What the history says now, for the summary's version column.
      try {
        result.entries = read_entries(target, input);
      } catch (const std::exception&) {
        // The migration's own failure is the one to report.
      }
      throw;
    }
    result.entries = read_entries(target, input);
  });
}

TargetMigration read_target_status(const Target& target, const FleetMigrationInput& input) {
  return run_on(target, [&](TargetMigration& result) { result.entries = read_entries(target, input); });
}

}  // namespace plumb
