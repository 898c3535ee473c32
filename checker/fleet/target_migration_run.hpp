// TargetMigrationRun: `migrate up` and `migrate status` on one target of a
// fleet, by the same runner and history reader as for one database, the
// outcome kept as a TargetMigration instead of thrown so that the fleet
// runner decides what happens next.
#pragma once

#include <optional>
#include <vector>

#include "fleet/fleet_targets.hpp"
#include "migrate/migration_file.hpp"
#include "migrate/migration_history.hpp"
#include "migrate/migration_runner.hpp"
#include "migrate/target_migration.hpp"

namespace plumb {

// What every target's migration needs: the checkout's files and how to run them.
struct FleetMigrationInput {
  std::vector<MigrationFile> files;
  MigrationHistory history;
  RunnerOptions options;
  std::optional<long long> to;  // --to
};

// Applies the pending migrations up to input.to on the target's primary,
// then reads its history. Never throws for the target's own failures
// (status unreachable or failed, one masked line); rethrows after an
// interrupt.
TargetMigration migrate_target_up(const Target& target, const FleetMigrationInput& input);

// Reads the target's history and compares it with the files.
TargetMigration read_target_status(const Target& target, const FleetMigrationInput& input);

}  // namespace plumb
