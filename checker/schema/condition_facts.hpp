// ConditionFacts: what a SQL condition (an index's predicate, a model rule's
// `where`) says about single columns, read from PostgreSQL's own parse tree:
// which columns it fixes to one value (`status = 'running'`, `'running' =
// status`, `deleted_at IS NULL`, `kind IN ('a')`) or to a few, which it
// proves not NULL,
// and which columns it names at all. Pure: no server.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "schema/sql_tree.hpp"

namespace plumb {

struct ConditionFacts {
  bool parsed = false;                     // false: the text is not one SQL condition
  std::map<std::string, Literal> fixed;    // column -> its one value (Kind::null for IS NULL)
  // Columns limited to a few values (`kind IN ('a', 'b')`, `kind = 'a' OR
  // kind = 'b'`, the catalog's `kind = ANY (ARRAY[...])`), each value once;
  // a column limited to one value is in `fixed` instead.
  std::map<std::string, std::vector<Literal>> one_of;
  std::set<std::string> not_null;          // columns the condition proves NOT NULL (fixed and one_of included)
  // True when the condition is nothing but such facts joined by AND: then
  // two conditions can be compared fact by fact, with certainty.
  bool only_facts = false;
  std::vector<std::string> columns;        // every column it names, each once, in tree order
};

// The facts of `condition`; `parsed` is false when it does not parse.
ConditionFacts condition_facts(const std::string& condition);

// The columns an expression (an index key such as "lower((email)::text)")
// names, each once; empty when it does not parse.
std::vector<std::string> expression_columns(const std::string& expression);

// `condition` with the rewrites PostgreSQL's prover lacks but that are exact
// for every value (documented in docs/how-plumb-decides.md):
//   x IS DISTINCT FROM true       -> x IS NOT TRUE
//   x IS DISTINCT FROM false      -> x IS NOT FALSE
//   x IS NOT DISTINCT FROM true   -> x IS TRUE
//   x IS NOT DISTINCT FROM false  -> x IS FALSE
// Done on PostgreSQL's tokens, so text inside string literals is never touched.
std::string with_prover_rewrites(const std::string& condition);

}  // namespace plumb
