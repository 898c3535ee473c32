// Helpers for testing one pure schema check kind: a catalog snapshot built in
// code, and what a single rule finds in it. No server: the kinds judge values.
#pragma once

#include <string>
#include <vector>

#include "schema/schema_snapshot.hpp"

namespace plumb::testing {

using Objects = std::vector<std::string>;

// A btree index on plain columns, valid and ready, as the catalog reader
// would read `CREATE [UNIQUE] INDEX name ON t (columns)`.
Index plain_index(const std::string& name, const std::vector<std::string>& columns, bool unique = false);

// A snapshot holding one table public.t with `columns` (int) and `indexes`,
// which are sorted by name as the catalog reader sorts them.
SchemaSnapshot table_t(const std::vector<std::string>& columns, std::vector<Index> indexes);

// Table `t` (id, a, b) with indexes for every schema kind to find: t_a (a),
// t_a_b (a, b), t_b_again (b), the unique t_b (b), idx_on_a_b_6d6ef495e6
// (b, a) with a generated hash suffix, and the primary key t_pkey (id).
SchemaSnapshot indexed_table();

// "object: message" of each finding of a single rule (`rule`: the YAML lines
// after its id) on `schema`, judged without a server.
Objects objects_found(const SchemaSnapshot& schema, const std::string& rule);

}  // namespace plumb::testing
