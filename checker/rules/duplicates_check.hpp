// DuplicatesCheck (`check: duplicates`): rows that share values in columns
// that should identify them, whether or not a unique index says so.
#pragma once

#include "rules/check_kind.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

struct DuplicatesSpec : RuleSpec {
  QualifiedName table;
  std::vector<std::string> columns;
  std::vector<std::string> case_insensitive;  // some of `columns`, compared as lower(column)
  std::optional<UserSql> where;

  std::vector<UserSql> user_sql() const override { return user_sql_of(where); }
  std::vector<NamedColumns> named_columns() const override { return {{table, columns}}; }
};

// Keys: table, columns, case_insensitive (optional: those of the columns
// compared as lower(column), as a Rails `case_sensitive: false` rule and a
// unique index on lower(column) compare them), where (optional SQL
// condition). Rows with NULL in any of the columns are not duplicates, as in
// a unique index. One finding that
// names the three counts tools mix up: duplicate groups (keys seen more than
// once), excess rows (rows beyond the first of each group, what a cleanup
// deletes) and rows in duplicate groups; the samples are the keys seen most.
class DuplicatesCheck : public CheckKind {
 public:
  const char* name() const override { return "duplicates"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
