// NamedColumnsCheck: before a data rule's SQL runs, the tables and columns
// its spec names are looked up in the catalog, so that a typo reads
// "table public.nope does not exist" instead of PostgreSQL's error about a
// statement the user never wrote.
#pragma once

#include <pqxx/pqxx>

#include "vocabulary/rule.hpp"

namespace plumb {

// Throws std::runtime_error naming the first table or column of
// `spec.named_columns()` that `transaction` cannot see. One statement per
// table named; none for a rule that names none.
void require_named_columns(pqxx::transaction_base& transaction, const RuleSpec& spec);

}  // namespace plumb
