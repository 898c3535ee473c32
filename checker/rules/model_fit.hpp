// ModelFit: whether a model's uniqueness rule fits its table in the catalog:
// every column it names exists, case-insensitive columns hold text, and its
// `where` is one condition naming only the table's columns. Pure: checked
// on the snapshot before anything is sent, so that one model's typo is a
// finding on that model and not an error of the whole rule.
#pragma once

#include <optional>
#include <string>

#include "vocabulary/model.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

// What does not fit, in plain words ("column emial does not exist in
// public.users"), or nullopt when the rule fits.
std::optional<std::string> rule_misfit(const UniquenessRule& rule, const Table& table);

}  // namespace plumb
