// SqlCheck (`check: sql`): a query, written by the user, that returns the
// rows breaking an invariant no other kind states.
#pragma once

#include "rules/check_kind.hpp"

namespace plumb {

struct SqlSpec : RuleSpec {
  UserSql query;  // one SELECT; every row it returns is a violation

  std::vector<UserSql> user_sql() const override { return {query}; }
};

// Keys: query (one SELECT; every row it returns is a violation). It runs in
// the rule's READ ONLY transaction, so a query that tries to write is refused
// by the server; it is sent as one statement, so `;` cannot smuggle a second.
// One finding when it returns rows: their count, and the first rows as
// samples with the query's own columns.
class SqlCheck : public CheckKind {
 public:
  const char* name() const override { return "sql"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
