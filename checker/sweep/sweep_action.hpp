// SweepAction: what a stale_rows rule's `sweep:` says to do with its stuck
// rows: the rule's StaleRowsSpec (which rows are stuck) with its sweep
// (which columns to set, and which name the work to start again).
#pragma once

#include <string>

#include "vocabulary/rule.hpp"
#include "vocabulary/stale_rows_spec.hpp"

namespace plumb {

struct SweepAction {
  std::string rule_id;
  StaleRowsSpec stale;  // the rule's spec
  SweepSpec sweep;      // its `sweep:`

  // The table as the rule names it ("table" or "schema.table").
  std::string table() const { return stale.table.to_string(); }
};

// The sweep action of `rule`. Throws InputError, at the rule's line, when the
// rule is not a stale_rows rule or has no `sweep`: only those can be swept.
// The keys themselves were validated when the rules file was loaded.
SweepAction sweep_action_of(const Rule& rule);

// True when `rule` carries a sweep action.
bool has_sweep_action(const Rule& rule);

}  // namespace plumb
