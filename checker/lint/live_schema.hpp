// LiveSchema: what `plumb lint --db` learns from a database before it lints:
// the catalog (which tables exist, and which of them hold no row, where an
// index build blocks nobody) and which migrations it has applied.
#pragma once

#include <pqxx/pqxx>

#include <vector>

#include "lint/migration_folder.hpp"
#include "lint/schema_replay.hpp"
#include "migrate/migration_history.hpp"

namespace plumb {

// The live catalog as the start of a replay, with empty tables marked. Throws
// what pqxx throws when a query fails.
SchemaReplay read_live_schema(pqxx::connection& connection);

// The migrations whose version `history` has not recorded (plumb's history
// table: migrations applied by other tools are not seen).
std::vector<LintMigration> pending_only(const std::vector<LintMigration>& migrations,
                                        const std::vector<AppliedMigration>& history);

}  // namespace plumb
