// OrphansCheck (`check: orphans`): rows whose reference points at no parent
// row. It reads the data, so it works where no foreign key constraint
// exists (as for invitation_log_entries.member_id).
#pragma once

#include "rules/check_kind.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

struct OrphansSpec : RuleSpec {
  QualifiedName table;
  std::string column;           // the reference
  QualifiedName parent_table;
  std::string parent_column;
  std::optional<UserSql> where;  // on the child's rows

  std::vector<UserSql> user_sql() const override { return user_sql_of(where); }
  std::vector<NamedColumns> named_columns() const override { return {{table, {column}}, {parent_table, {parent_column}}}; }
};

// Keys: table, column (the reference), references ("parent_table.column" or
// "schema.parent_table.column"), where (optional SQL on the child's rows).
// A NULL reference is no orphan. One finding when any row is an orphan; the
// samples are the missing parent keys with their row counts.
class OrphansCheck : public CheckKind {
 public:
  const char* name() const override { return "orphans"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
