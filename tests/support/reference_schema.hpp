// The reference schema for tests: the app's tables from migrations/, applied
// with plumb's own runner, as they were at the incident (migration 1) or
// after the fix (every migration).
#pragma once

#include "support/test_database.hpp"

namespace plumb::testing {

// Migrates `database` to version 1 (migrations/001_reference_schema.sql): the
// incident's schema, with the global unique index. Throws on failure.
void apply_reference_schema_at_incident(const TestDatabase& database);

// Migrates `database` to the newest version of migrations/: the fixed schema.
void apply_all_migrations(const TestDatabase& database);
// Loads fixtures/incident.sql (the Berlin data with batch 28 stuck) into
// `database`, which must be at migration 1, in one transaction.
void load_incident(const TestDatabase& database);

}  // namespace plumb::testing
