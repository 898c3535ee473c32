// StaleRowsCheck (`check: stale_rows`): rows that have stayed in a state
// longer than they should, such as a batch stuck in `running`.
#pragma once

#include "rules/check_kind.hpp"

namespace plumb {

// Keys: table, where (the state, SQL), timestamp (the column that says since
// when), older_than (a duration such as 30m), show (columns for the sample
// rows), sweep ({set: {column: value}}, run later by `plumb sweep`).
// One finding when any row is stale: the count, the age of the oldest, and
// the oldest rows with the `show` columns. Rows in the state whose timestamp
// is NULL cannot be aged: when there are any, a second finding (a warning at
// most) counts them.
class StaleRowsCheck : public CheckKind {
 public:
  const char* name() const override { return "stale_rows"; }
  std::vector<std::string> option_keys() const override;
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
