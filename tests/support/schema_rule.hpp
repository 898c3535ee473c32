// Helpers for testing one schema check kind: run a single rule on a fresh
// database holding a given schema and list what it found.
#pragma once

#include <string>
#include <vector>

namespace plumb::testing {

using Objects = std::vector<std::string>;

// One table `t` (id, a, b) with indexes for every schema kind to find:
// t_a (a), t_a_b (a, b), t_b_again (b), the unique t_b (b) and
// idx_on_a_b_6d6ef495e6 (b, a) with a generated hash suffix.
extern const char* const k_indexed_table;

// "object: message" of each finding of a single rule (`rule`: the YAML lines
// after its id) on a fresh database holding `schema` (SQL). Fails the test
// when the rule errors.
Objects objects_found(const std::string& schema, const std::string& rule);

}  // namespace plumb::testing
