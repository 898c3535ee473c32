// The schema check kinds, one file each, listed in check_kinds.cpp: they
// compare the catalog snapshot with the models and with naming and index
// hygiene rules. All but unique_indexes_match_model (which asks the server
// to normalise conditions) are pure: a SchemaCheckKind judges values and
// needs no server, so its tests build a snapshot in code.
#pragma once

#include <string>
#include <vector>

#include "rules/check_kind.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

// A kind whose findings are a function of the snapshot and the models
// alone: run() hands judge() the snapshot the runner read, and sends no query.
class SchemaCheckKind : public CheckKind {
 public:
  // The findings of `rule` (a rule of this kind, spec included) on `schema`.
  // Pure: same values in, same findings out.
  virtual std::vector<Finding> judge(const Rule& rule, const SchemaSnapshot& schema,
                                     const std::vector<Model>& models) const = 0;

  std::vector<Finding> run(const Rule& rule, CheckContext& context) const final;
};

const CheckKind& unique_indexes_match_model_kind();  // unique_indexes_match_model.cpp
const SchemaCheckKind& index_exists_kind();          // index_presence.cpp
const SchemaCheckKind& index_absent_kind();          // index_presence.cpp
const SchemaCheckKind& no_invalid_indexes_kind();    // no_invalid_indexes.cpp
const SchemaCheckKind& redundant_indexes_kind();     // redundant_indexes.cpp
const SchemaCheckKind& index_names_kind();           // index_names.cpp

}  // namespace plumb
