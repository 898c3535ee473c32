// NotNullCheck (`check: not_null`): columns the application needs filled
// that hold NULL, whether or not the column is declared NOT NULL.
#pragma once

#include "rules/check_kind.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

struct NotNullSpec : RuleSpec {
  QualifiedName table;
  std::vector<std::string> columns;
  std::optional<UserSql> where;
  std::vector<std::string> show;  // columns for the sample rows

  std::vector<UserSql> user_sql() const override { return user_sql_of(where); }
  std::vector<NamedColumns> named_columns() const override {
    std::vector<std::string> all = columns;
    all.insert(all.end(), show.begin(), show.end());
    return {{table, all}};
  }
};

// Keys: table, columns, where (optional), show (optional columns for sample
// rows). One finding per column that holds NULL, with its count.
class NotNullCheck : public CheckKind {
 public:
  const char* name() const override { return "not_null"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
