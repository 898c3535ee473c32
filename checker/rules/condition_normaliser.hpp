// ConditionNormaliser: brings a rule's `where:` and an index's predicate to
// one form, PostgreSQL's own, so that `status = 'running'` in a rules file
// and `((status)::text = 'running'::text)` from pg_get_expr compare equal.
#pragma once

#include <pqxx/pqxx>

#include <map>
#include <string>

#include "schema/schema_snapshot.hpp"

namespace plumb {

class ConditionNormaliser {
 public:
  // Works through `transaction` (read-only is enough), on `table`.
  ConditionNormaliser(pqxx::transaction_base& transaction, const Table& table)
      : m_transaction(transaction), m_table(table) {}

  // The condition as the server deparses it after parsing and constant
  // folding, without its outer parentheses. Throws what pqxx throws when the
  // condition is not valid SQL for the table (the rule then errors).
  std::string normalise(const std::string& condition);

 private:
  pqxx::transaction_base& m_transaction;
  const Table& m_table;
  std::map<std::string, std::string> m_cache;
};

}  // namespace plumb
