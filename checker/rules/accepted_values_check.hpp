// AcceptedValuesCheck (`check: accepted_values`): a column that holds a
// value outside the set the application knows, such as a status.
#pragma once

#include "rules/check_kind.hpp"

namespace plumb {

// Keys: table, column, values (the accepted ones, compared as text), where
// (optional). NULL is not checked here (that is not_null's job). One finding
// when any row holds another value; the samples are those values with their
// row counts.
class AcceptedValuesCheck : public CheckKind {
 public:
  const char* name() const override { return "accepted_values"; }
  std::vector<std::string> option_keys() const override;
  void validate(const Rule& rule, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
