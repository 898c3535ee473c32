// SchemaReport: a SchemaSnapshot as `plumb inspect` prints it, as text for a
// person or as versioned JSON ({"version": 1, "tables": [...]}).
#pragma once

#include <string>

#include "schema/schema_snapshot.hpp"

namespace plumb {

// One block per table: columns, primary key, indexes with their flags,
// constraints.
std::string render_schema_text(const SchemaSnapshot& schema);

// The snapshot as JSON text, indented, ending in a newline.
std::string render_schema_json(const SchemaSnapshot& schema);

}  // namespace plumb
