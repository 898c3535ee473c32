// TargetMigration: what `migrate up` or `migrate status` found on one
// database of a fleet, and the drift between databases whose histories
// record different checksums for one version.
#pragma once

#include <string>
#include <vector>

#include "migrate/migration_runner.hpp"
#include "migrate/migration_status.hpp"

namespace plumb {

enum class TargetMigrationStatus {
  done,         // up: every pending migration applied; status: the history was read
  failed,       // connected, then a migration or the history read failed
  unreachable,  // no connection could be opened
  not_started,  // an earlier target failed and --keep-going was not given
};

// "done", "failed", "unreachable", "not started".
const char* to_string(TargetMigrationStatus status);

struct TargetMigration {
  std::string name;
  TargetMigrationStatus status = TargetMigrationStatus::not_started;
  std::string error;  // failed or unreachable: one masked line
  double seconds = 0;
  std::vector<MigrationStep> steps;           // up: what ran, also when it stopped halfway
  std::vector<MigrationStatusEntry> entries;  // the history after the run (empty when it could not be read)
};

// The highest version applied (or baselined, repaired) on the target; 0 for none.
long long applied_version(const TargetMigration& target);

// The number of versions that are not applied (pending, edited, renamed, missing).
long long waiting_versions(const TargetMigration& target);

// The versions whose checksum recorded on `target` differs from the one
// another target of `fleet` records for the same version: the shards ran
// different files under one number.
std::vector<long long> drifted_versions(const TargetMigration& target, const std::vector<TargetMigration>& fleet);

}  // namespace plumb
