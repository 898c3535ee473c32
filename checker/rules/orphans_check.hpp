// OrphansCheck (`check: orphans`): rows whose reference points at no parent
// row. It reads the data, so it works where no foreign key constraint
// exists (as for invitation_log_entries.member_id).
#pragma once

#include "rules/check_kind.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

struct OrphansSpec : RuleSpec {
  QualifiedName table;
  std::vector<std::string> columns;         // the reference, one column or several
  QualifiedName parent_table;
  std::vector<std::string> parent_columns;  // the parent's key, in the reference's order
  std::optional<UserSql> where;             // on the child's rows

  std::vector<UserSql> user_sql() const override { return user_sql_of(where); }
  std::vector<NamedColumns> named_columns() const override { return {{table, columns}, {parent_table, parent_columns}}; }
};

// Keys: table; column (one) or columns (a composite reference); references,
// as "parent_table.column" / "schema.parent_table.column" for one column or
// "parent_table(a, b)" / "schema.parent_table(a, b)" for any number; where
// (optional SQL on the child's rows). As in a foreign key (MATCH SIMPLE), a
// reference with a NULL in any of its columns is no orphan. One finding when
// any row is an orphan; the samples are the missing parent keys with their
// row counts. Where a NOT VALID foreign key states this very reference, the
// fix validates it instead of adding another.
class OrphansCheck : public CheckKind {
 public:
  const char* name() const override { return "orphans"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
