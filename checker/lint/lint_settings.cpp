#include "lint/lint_settings.hpp"

#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const LintRule& known_rule(const std::string& rule_id) {
  const LintRule* rule = find_lint_rule(rule_id);
  if (rule == nullptr) throw InputError("unknown lint rule '" + rule_id + "' (known: " + known_lint_rule_ids() + ")");
  return *rule;
}

std::optional<Severity> severity_named(const std::string& level, const std::string& assignment) {
  if (level == "error") return Severity::error;
  if (level == "warning") return Severity::warning;
  if (level == "info") return Severity::info;
  if (level == "off") return std::nullopt;
  throw InputError("--severity '" + assignment + "': the level must be error, warning, info or off");
}

}  // namespace

void LintSettings::exclude(const std::string& rule_id) { m_overrides[known_rule(rule_id).id] = std::nullopt; }

void LintSettings::set_severity(const std::string& assignment) {
  const size_t equals = assignment.find('=');
  if (equals == std::string::npos) throw InputError("--severity '" + assignment + "': write RULE-ID=LEVEL, e.g. prefer-bigint=warning");
  const LintRule& rule = known_rule(assignment.substr(0, equals));
  m_overrides[rule.id] = severity_named(assignment.substr(equals + 1), assignment);
}

std::optional<Severity> LintSettings::severity_of(const LintRule& rule) const {
  const auto found = m_overrides.find(rule.id);
  return found == m_overrides.end() ? rule.severity : found->second;
}

std::string LintSettings::rule_set_name() const {
  std::vector<std::string> changes;
  for (const auto& [id, severity] : m_overrides) changes.push_back(id + "=" + (severity ? to_string(*severity) : "off"));
  return "plumb lint defaults" + (changes.empty() ? std::string() : " with " + join(changes, ", "));
}

}  // namespace plumb
