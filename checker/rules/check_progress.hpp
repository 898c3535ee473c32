// CheckProgress: how the check runner tells its caller that a rule finished,
// so that the command line can show progress while the core never prints.
#pragma once

#include <cstddef>

#include "vocabulary/check_report.hpp"

namespace plumb {

class CheckProgress {
 public:
  virtual ~CheckProgress() = default;
  // Called once per rule as it finishes, in the order rules finish (not file
  // order when rules run in parallel); `finished` counts from 1 to `total`.
  // Calls never overlap: the runner serialises them. Must not throw.
  virtual void rule_finished(size_t finished, size_t total, const RuleResult& result) = 0;
};

}  // namespace plumb
