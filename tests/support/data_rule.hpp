// Helpers for testing one data check kind directly: a Rule from a YAML
// string, and running it in a READ ONLY transaction as the runner does.
#pragma once

#include <string>
#include <vector>

#include "rules/check_kind.hpp"
#include "support/test_database.hpp"

namespace plumb::testing {

// The rule `yaml` states (one mapping with id and check), located in a file
// named "rules.yml" at the mapping's line, its spec read by its kind (throws
// what the kind's validate throws).
Rule rule_from_yaml(const std::string& yaml);

// Validates `yaml`'s rule with its kind (throws what validate throws).
void validate_rule(const std::string& yaml);

// Runs `yaml`'s rule against `database` in a READ ONLY transaction with
// `sample_limit` (and `statement_timeout`, e.g. "1s", when given), and
// returns its findings.
std::vector<Finding> run_rule(const TestDatabase& database, const std::string& yaml, int sample_limit = 10,
                              const std::string& statement_timeout = "");

}  // namespace plumb::testing
