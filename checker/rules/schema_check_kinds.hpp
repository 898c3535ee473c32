// The schema check kinds, one file each, listed in check_kinds.cpp: they
// compare the catalog snapshot with the models and with naming and index
// hygiene rules, and send no query of their own but EXPLAINs to normalise
// conditions.
#pragma once

#include <string>

#include "rules/check_kind.hpp"

namespace plumb {

const CheckKind& unique_indexes_match_model_kind();  // unique_indexes_match_model.cpp
const CheckKind& index_exists_kind();                // index_presence.cpp
const CheckKind& index_absent_kind();                // index_presence.cpp
const CheckKind& no_invalid_indexes_kind();          // no_invalid_indexes.cpp
const CheckKind& redundant_indexes_kind();           // redundant_indexes.cpp
const CheckKind& index_names_kind();                 // index_names.cpp

// True for a name ending in Rails' generated hash, "_" and 10 hex digits
// with at least one digit and one letter (index_names.cpp; lint uses it too).
bool has_hash_suffix(const std::string& name);

}  // namespace plumb
