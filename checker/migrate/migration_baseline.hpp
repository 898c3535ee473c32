// Baseline: adopting plumb on a database whose schema already exists. The
// migration files up to a version are recorded as `baselined`: the database
// has them, plumb never ran them, and `up` applies only what comes after.
#pragma once

#include <vector>

#include "migrate/migration_file.hpp"
#include "migrate/migration_status.hpp"

namespace plumb {

// The files `migrate baseline --version` records, by version: every file up
// to `version`, which must be the version of a file. Throws InputError when
// no file has `version`; when the history has entries already (unless
// `force`); and, with `force`, when an entry was applied or repaired
// (baseline replaces only baselined and failed entries, never what ran).
std::vector<MigrationFile> plan_baseline(const std::vector<MigrationStatusEntry>& entries, long long version,
                                         bool force);

}  // namespace plumb
