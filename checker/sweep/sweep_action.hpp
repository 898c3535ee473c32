// SweepAction: what a stale_rows rule's `sweep:` says to do with its stuck
// rows: which columns to set, and which columns name the work to start again
// once they have moved.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace plumb {

// One `column: value` of `sweep.set`.
struct Assignment {
  std::string column;
  // The value as a parameter; nullopt for `null` (SQL NULL).
  std::optional<std::string> value;
  // `now()` is the one SQL expression allowed: the time of the sweep.
  bool is_now = false;
};

struct SweepAction {
  std::string rule_id;
  std::string table;              // "table" or "schema.table", as the rule names it
  std::string condition;          // the rule's `where`, user SQL by design
  std::string timestamp;          // the column that says since when
  std::chrono::milliseconds older_than{0};
  std::vector<std::string> show;  // columns reported for each row
  std::vector<Assignment> set;
  std::vector<std::string> follow_up;  // columns naming what to start again, e.g. the workshop
};

// The sweep action of `rule`. Throws InputError, at the rule's line, when the
// rule is not a stale_rows rule or has no `sweep`: only those can be swept.
// The keys themselves were validated when the rules file was loaded.
SweepAction sweep_action_of(const Rule& rule);

// True when `rule` carries a sweep action.
bool has_sweep_action(const Rule& rule);

}  // namespace plumb
