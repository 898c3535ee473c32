#include "lint/lint_support.hpp"

#include "lint/lint_rule.hpp"
#include "rules/rule_loader.hpp"

namespace plumb::testing {

std::vector<LintMigration> read_texts(const MigrationTexts& files) {
  std::vector<LintMigration> migrations;
  for (const auto& [name, text] : files) {
    LintMigration migration = read_lint_migration(name, text);
    if (!migration.path.empty()) migrations.push_back(migration);
  }
  return migrations;
}

CheckReport lint_texts(const MigrationTexts& files, const std::string& rules_yaml, const LintSettings& settings) {
  RuleSet rules;
  if (!rules_yaml.empty()) load_rules_text("rules.yml", rules_yaml, rules);
  return lint_migrations(read_texts(files), rules.models, SchemaReplay(), settings);
}

LintSettings every_rule_on() {
  LintSettings settings;
  for (const auto& rule : lint_rules())
    if (!rule.severity) settings.set_severity(std::string(rule.id) + "=warning");
  return settings;
}

std::vector<Finding> all_findings(const CheckReport& report, const std::string& rule_id) {
  for (const auto& result : report.results)
    if (result.rule_id == rule_id) return result.findings;
  return {};
}

std::vector<Finding> unsuppressed(const CheckReport& report, const std::string& rule_id) {
  std::vector<Finding> found;
  for (const auto& finding : all_findings(report, rule_id))
    if (finding.severity != Severity::info) found.push_back(finding);
  return found;
}

}  // namespace plumb::testing
