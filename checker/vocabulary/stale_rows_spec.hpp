// StaleRowsSpec: what a `check: stale_rows` rule says, typed. Two folders
// read it: rules/ finds the stale rows, sweep/ moves them as its `sweep:`
// says, so it lives below both.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "vocabulary/qualified_name.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

// One `column: value` of `sweep.set`.
struct Assignment {
  std::string column;
  // The value as a parameter; nullopt for `null` (SQL NULL).
  std::optional<std::string> value;
  // `now()` is the one SQL expression allowed: the time of the sweep.
  bool is_now = false;
};

// A stale_rows rule's `sweep:`: what `plumb sweep` sets on the stuck rows.
struct SweepSpec {
  std::vector<Assignment> set;         // never empty
  std::vector<std::string> follow_up;  // columns naming what to start again, e.g. the workshop
};

struct StaleRowsSpec : RuleSpec {
  QualifiedName table;
  UserSql where;                          // the state, SQL
  std::string timestamp;                  // the column that says since when
  std::chrono::milliseconds older_than{0};
  std::string older_than_text;            // as written ("30m"), for messages
  std::vector<std::string> show;          // columns for the sample rows
  std::optional<SweepSpec> sweep;

  std::vector<UserSql> user_sql() const override { return {where}; }
  std::vector<NamedColumns> named_columns() const override {
    std::vector<std::string> columns = {timestamp};
    columns.insert(columns.end(), show.begin(), show.end());
    if (sweep) columns.insert(columns.end(), sweep->follow_up.begin(), sweep->follow_up.end());
    return {{table, columns}};
  }
};

}  // namespace plumb
