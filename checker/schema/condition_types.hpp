// Whether a model rule's `where` is sure to type-check on its table without
// asking the server: the conditions Rails apps write most (`deleted_at IS
// NULL`, `status = 'active'`, `kind IN ('a', 'b')`, `enabled = true`) need no
// planning to know PostgreSQL takes them. Pure: no server.
#pragma once

#include <string>

#include "schema/schema_snapshot.hpp"

namespace plumb {

// True only when `condition` is nothing but plain facts (condition_facts)
// on columns `table` has, each literal of a kind the column's type takes
// with no conversion that can fail: NULL tests on any column, strings on
// text-like columns, numbers on numeric ones, true/false on booleans, and
// no cast. False means "not sure": the prover plans it on the server.
bool certainly_type_checks(const Table& table, const std::string& condition);

}  // namespace plumb
