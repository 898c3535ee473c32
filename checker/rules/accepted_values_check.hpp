// AcceptedValuesCheck (`check: accepted_values`): a column that holds a
// value outside the set the application knows, such as a status.
#pragma once

#include "rules/check_kind.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

struct AcceptedValuesSpec : RuleSpec {
  QualifiedName table;
  std::string column;
  std::vector<std::string> values;  // the accepted ones, compared as text
  std::optional<UserSql> where;

  std::vector<UserSql> user_sql() const override { return user_sql_of(where); }
  std::vector<NamedColumns> named_columns() const override { return {{table, {column}}}; }
};

// Keys: table, column, values (the accepted ones, compared as text), where
// (optional). NULL is not checked here (that is not_null's job). One finding
// when any row holds another value; the samples are those values with their
// row counts.
class AcceptedValuesCheck : public CheckKind {
 public:
  const char* name() const override { return "accepted_values"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
