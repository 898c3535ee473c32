// The reference schema for tests: the app's tables from migrations/, as they
// were at the incident (migration 1) or after the fix.
#pragma once

#include "support/test_database.hpp"

namespace plumb::testing {

// Creates the tables of migrations/001_reference_schema.sql (the incident's
// schema, with the global unique index) in `database`.
void apply_reference_schema_at_incident(const TestDatabase& database);

// Loads fixtures/incident.sql (the Berlin data with batch 28 stuck) into
// `database`, which must be at migration 1, in one transaction.
void load_incident(const TestDatabase& database);

}  // namespace plumb::testing
