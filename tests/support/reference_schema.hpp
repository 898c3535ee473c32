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

// Both at once on any database named by a libpq string (e.g. a
// PrivateServer's): migration 1, then fixtures/incident.sql. Throws on failure.
void load_incident_at_migration_1(const std::string& conninfo);

}  // namespace plumb::testing
