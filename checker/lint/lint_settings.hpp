// LintSettings: which lint rules run and at which severity, as the user
// chose them over the rules' defaults (`--exclude-rule ID`,
// `--severity ID=LEVEL`), and the name of that rule set for the reports.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/lint_rule.hpp"

namespace plumb {

class LintSettings {
 public:
  // Turns `rule_id` off. Throws InputError for an unknown rule id.
  void exclude(const std::string& rule_id);
  // Reads "ID=LEVEL", LEVEL one of error, warning, info, off. Throws
  // InputError naming the known ids or levels for anything else.
  void set_severity(const std::string& assignment);

  // The severity `rule` runs at, nullopt when it does not run.
  std::optional<Severity> severity_of(const LintRule& rule) const;
  // "plumb lint defaults", or "plumb lint defaults with prefer-bigint=warning, drop-column=off".
  std::string rule_set_name() const;

 private:
  std::map<std::string, std::optional<Severity>> m_overrides;  // rule id -> severity, nullopt for off
};

}  // namespace plumb
