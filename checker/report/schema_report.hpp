// SchemaReport: a SchemaSnapshot as `plumb inspect` prints it, as text for a
// person or as versioned JSON ({"version": 1, "tables": [...]}).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/schema_snapshot.hpp"

namespace plumb {

// One block per table: columns, primary key, indexes with their flags,
// constraints.
std::string render_schema_text(const SchemaSnapshot& schema);

// The snapshot as JSON text, indented, ending in a newline.
std::string render_schema_json(const SchemaSnapshot& schema);

// One target of `inspect --targets`: its snapshot, or why there is none.
struct TargetSchema {
  std::string name;
  std::optional<SchemaSnapshot> schema;
  std::string error;  // one masked line when the snapshot could not be read
};

// The fleet's snapshots: text, "== target NAME ==" and its snapshot (or its
// error) per target; JSON, {"version": 1, "targets": [{"name", "schema"?,
// "error"?}]}, each "schema" as render_schema_json() writes it.
std::string render_fleet_schema(const std::vector<TargetSchema>& targets, const std::string& format);

}  // namespace plumb
