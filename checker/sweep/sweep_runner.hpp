// SweepRunner: runs the sweep action of each selected stale_rows rule, as a
// dry run or for real, and says what moved and what to start again, as a
// CheckReport (command "sweep") that every report format renders.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "rules/check_report.hpp"
#include "rules/rule_loader.hpp"
#include "sweep/stale_row_sweep.hpp"

namespace plumb {

struct SweepOptions {
  bool apply = false;             // false: only list what would move
  int limit = 0;                  // at most this many rows per rule; 0: all
  std::vector<std::string> only;  // rule ids or tags; empty: every rule with a sweep action
  SweepSafety safety;
  // Volatile functions a rule's `where` may call anyway (`--allow-volatile`).
  std::vector<std::string> allowed_volatile;
};

// The rules `only` selects that carry a sweep action. Throws InputError when
// an --only value names a rule that cannot be swept, or no rule can be.
std::vector<Rule> sweepable_rules(const RuleSet& rules, const std::vector<std::string>& only);

// Refuses, before any scan, rules whose `where` calls a volatile function
// not in options.allowed_volatile (InputError: refuse_volatile_calls).
// Then sweeps each rule on `connection`. A rule whose scan or update fails is
// reported with RuleStatus::error and the others still run. In a dry run a
// rule with stale rows has one finding at the rule's severity; after
// --apply, one info finding listing the rows that moved.
CheckReport run_sweeps(pqxx::connection& connection, const std::vector<Rule>& rules, const SweepOptions& options);

}  // namespace plumb
