// NotNullCheck (`check: not_null`): columns the application needs filled
// that hold NULL, whether or not the column is declared NOT NULL.
#pragma once

#include "rules/check_kind.hpp"

namespace plumb {

// Keys: table, columns, where (optional), show (optional columns for sample
// rows). One finding per column that holds NULL, with its count.
class NotNullCheck : public CheckKind {
 public:
  const char* name() const override { return "not_null"; }
  std::vector<std::string> option_keys() const override;
  void validate(const Rule& rule, const std::vector<Model>& models) const override;
  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override;
};

}  // namespace plumb
