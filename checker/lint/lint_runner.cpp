#include "lint/lint_runner.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <sstream>

#include "lint/lint_rule.hpp"
#include "lint/lint_suppression.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using Suppressions = std::map<int, std::vector<LintSuppression>>;

SchemaReplay replay_all(const std::vector<LintMigration>& migrations, SchemaReplay replay) {
  for (const auto& migration : migrations) {
    replay.begin_migration();
    for (const auto& statement : migration.statements) replay.apply(statement);
  }
  return replay;
}

// The suppression for `rule_id` in the comment lines just above the statement.
const LintSuppression* suppression_for(const std::vector<std::string>& lines, const Suppressions& suppressions,
                                       int statement_line, const std::string& rule_id) {
  for (int line = statement_line - 1; line >= 1 && line <= static_cast<int>(lines.size()); --line) {
    if (!starts_with(trim(lines[line - 1]), "--")) break;
    const auto found = suppressions.find(line);
    if (found == suppressions.end()) continue;
    for (const auto& suppression : found->second)
      if (suppression.rule_id == rule_id) return &suppression;
  }
  return nullptr;
}

void suppress(Finding& finding, const LintSuppression& suppression) {
  finding.severity = Severity::info;
  finding.message = "suppressed at " + suppression.where.to_string() + " (" + suppression.reason + "): " + finding.message;
}

class FolderLint {
 public:
  FolderLint(const std::vector<Model>& models, const SchemaReplay& start, const SchemaReplay& final)
      : m_models(models), m_replay(start), m_final(final) {
    for (const auto& rule : lint_rules()) {
      RuleResult result;
      result.rule_id = rule.id;
      result.check = rule.id;
      result.severity = rule.severity;
      result.description = rule.reason;
      m_report.results.push_back(result);
    }
    m_report.command = "lint";
  }

  void lint(const LintMigration& migration) {
    const Suppressions suppressions = read_suppressions(migration.path, migration.text);
    const std::vector<std::string> lines = split(migration.text, '\n');
    m_replay.begin_migration();
    for (const auto& statement : migration.statements) {
      const StatementContext context{migration, statement, m_replay, m_final, m_models};
      for (size_t i = 0; i < lint_rules().size(); ++i) {
        const LintRule& rule = lint_rules()[i];
        if (rule.check_statement == nullptr) continue;
        for (Finding finding : rule.check_statement(context)) {
          finding.location = statement.where();
          if (const auto* suppression = suppression_for(lines, suppressions, statement.where().line, rule.id))
            suppress(finding, *suppression);
          add(i, finding);
        }
      }
      m_replay.apply(statement);
    }
  }

  CheckReport finish() {
    const FolderContext context{m_final, m_models};
    for (size_t i = 0; i < lint_rules().size(); ++i)
      if (lint_rules()[i].check_folder != nullptr)
        for (const Finding& finding : lint_rules()[i].check_folder(context)) add(i, finding);
    return m_report;
  }

 private:
  void add(size_t rule_index, Finding finding) {
    RuleResult& result = m_report.results[rule_index];
    if (finding.severity != Severity::info) {
      finding.severity = result.severity;
      result.status = RuleStatus::failed;
    }
    finding.why = result.description;
    result.findings.push_back(finding);
  }

  const std::vector<Model>& m_models;
  SchemaReplay m_replay;
  const SchemaReplay& m_final;
  CheckReport m_report;
};

}  // namespace

CheckReport lint_migrations(const std::vector<LintMigration>& migrations, const std::vector<Model>& models,
                            const SchemaReplay& start) {
  const SchemaReplay final = replay_all(migrations, start);
  FolderLint lint(models, start, final);
  for (const auto& migration : migrations) lint.lint(migration);
  spdlog::debug("linted {} migration(s)", migrations.size());
  return lint.finish();
}

}  // namespace plumb
