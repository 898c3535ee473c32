// SweepRunner: runs the sweep action of each selected stale_rows rule, as a
// dry run or for real, and says what moved and what to start again, as a
// CheckReport (command "sweep") that every report format renders.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "sweep/stale_row_sweep.hpp"
#include "vocabulary/check_report.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

struct SweepOptions {
  bool apply = false;             // false: only list what would move
  int limit = 0;                  // at most this many rows per rule; 0: all
  std::vector<std::string> only;  // rule ids or tags; empty: every rule with a sweep action
  SweepSafety safety;
};

// The rules of `selected` (the rules `only` selected, read from `files`)
// that carry a sweep action. Throws InputError when an --only value names a
// rule that cannot be swept, or no rule can be.
std::vector<Rule> sweepable_rules(const std::vector<Rule>& selected, const std::vector<std::string>& only,
                                  const std::vector<std::string>& files);

// Sweeps each rule on `connection`; the caller has refused rules that call
// volatile functions (refuse_volatile_calls) first. A rule whose scan or update fails is
// reported with RuleStatus::error and the others still run. In a dry run a
// rule with stale rows has one finding at the rule's severity; after
// --apply, one info finding listing the rows that moved.
CheckReport run_sweeps(pqxx::connection& connection, const std::vector<Rule>& rules, const SweepOptions& options);

}  // namespace plumb
