// FleetMigrationReport: what `migrate up --targets` and `migrate status
// --targets` print: a section per target and a table of the fleet, target
// by version, with the targets whose histories disagree flagged as drift.
#pragma once

#include <string>
#include <vector>

#include "migrate/target_migration.hpp"

namespace plumb {

// up: each target's steps (as `migrate up` prints them) or its error, then
// the summary "target  status  version  pending". JSON: {"targets": [{"name",
// "status", "seconds", "version", "pending", "error"?, "steps"}]}.
std::string render_fleet_migration_up(const std::vector<TargetMigration>& targets, const std::string& format);

// status: one row per target, "target  status  applied  pending  version
// drift", drift naming the versions whose recorded checksum differs from
// another target's; a last line saying whether the fleet is in step. JSON:
// {"targets": [{"name", "status", "applied", "pending", "version", "drift",
// "error"?}]}.
std::string render_fleet_migration_status(const std::vector<TargetMigration>& targets, const std::string& format);

}  // namespace plumb
