// UniquenessFindings: the findings of unique_indexes_match_model, worded for
// the user's app: a unique index stricter than the model (with two example
// rows the index rejects and the model accepts, and a fix that never drops
// an index before the model's own is in place), an undeclared one (fixed on
// the model's side), a rule nothing enforces, a verdict plumb could not
// reach, and a model that does not fit the catalog.
#pragma once

#include <string>
#include <vector>

#include "vocabulary/finding.hpp"
#include "vocabulary/model.hpp"
#include "schema/uniqueness_match.hpp"

namespace plumb {

// "unique (a, b) where ..., NULLs not distinct (app/models/x.rb:3)".
std::string describe(const UniquenessRule& rule);

// Two rows `index` rejects and every rule of `rules` accepts, built from
// `why` (a certain strictness against `closest`); empty rows when no pair
// can be built with certainty (unknown column types, a predicate that is
// not plain facts, a rule plumb cannot evaluate on the rows).
SampleRows example_rows(const Table& table, const Index& index, const UniquenessRule& closest, const Strictness& why,
                        const std::vector<UniquenessRule>& rules);

Finding stricter_index_finding(Severity severity, const Model& model, const Table& table, const Index& index,
                               const UniquenessRule& closest, const Strictness& why, const SampleRows& rows,
                               const Index* enforcing);

Finding undeclared_index_finding(Severity severity, const Model& model, const Table& table, const Index& index);

Finding undecided_index_finding(const Model& model, const Table& table, const Index& index, const UniquenessRule& rule,
                                const Strictness& why);

Finding unenforced_rule_finding(Severity severity, const Model& model, const Table& table, const UniquenessRule& rule,
                                const std::string& closest_reason);

Finding undecided_rule_finding(const Model& model, const Table& table, const UniquenessRule& rule, const Index& index,
                               const std::string& reason);

Finding invalid_index_finding(Severity severity, const Table& table, const Index& index);

Finding missing_table_finding(Severity severity, const Model& model);

// A uniqueness rule that does not fit its table: `problem` says how
// ("column emial does not exist in public.users").
Finding model_problem_finding(Severity severity, const Model& model, const UniquenessRule& rule, const std::string& problem);

}  // namespace plumb
