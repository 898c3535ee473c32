#include "lint/lint_runner.hpp"

#include <spdlog/spdlog.h>

#include <map>

#include "lint/lint_rule.hpp"
#include "lint/lint_suppression.hpp"
#include "util/errors.hpp"
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

Finding unlintable(const LintMigration& migration, const LintProblem& problem) {
  Finding finding = lint_finding("migration " + migration.path, problem.message,
                                 "fix the file; until then plumb lints the files after it as if this one did nothing "
                                 "(a table it creates counts as one that existed, with rows)");
  finding.location = problem.where;
  finding.key = migration.path;
  return finding;
}

std::string subject(const std::vector<LintMigration>& migrations, const std::string& layout) {
  size_t problems = 0, repeatable = 0;
  for (const auto& migration : migrations) {
    problems += migration.problem ? 1 : 0;
    repeatable += migration.repeatable ? 1 : 0;
  }
  std::string text = "layout: " + (layout.empty() ? std::string("files") : layout) + "; " +
                     std::to_string(migrations.size() - problems) + " file(s) linted";
  if (repeatable > 0) text += " (" + std::to_string(repeatable) + " repeatable, after the versioned ones)";
  if (problems > 0) text += ", " + std::to_string(problems) + " could not be (" + k_unlintable_file + ")";
  return text;
}

class FolderLint {
 public:
  FolderLint(const std::vector<Model>& models, const SchemaReplay& start, const SchemaReplay& final, const LintSettings& settings)
      : m_models(models), m_replay(start), m_final(final) {
    for (const auto& rule : lint_rules()) {
      const auto severity = settings.severity_of(rule);
      if (!severity && rule.id != std::string(k_unlintable_file)) continue;
      m_rules.push_back(&rule);
      RuleResult result;
      result.rule_id = result.check = rule.id;
      result.severity = severity.value_or(Severity::error);
      result.description = rule.reason;
      m_report.results.push_back(result);
    }
    m_report.command = "lint";
    m_report.rule_set = settings.rule_set_name();
  }

  void lint(const LintMigration& migration) {
    if (migration.problem) return add(k_unlintable_file, unlintable(migration, *migration.problem));
    Suppressions suppressions;
    try {
      suppressions = read_suppressions(migration.path, migration.text);
    } catch (const InputError& error) {
      const std::string detail = error.what();
      return add(k_unlintable_file, unlintable(migration, {error.where(), detail.substr(0, detail.find('\n')), detail}));
    }
    lint_statements(migration, suppressions);
  }

  CheckReport finish(const std::string& subject_text) {
    const FolderContext context{m_final, m_models};
    for (const LintRule* rule : m_rules)
      if (rule->check_folder != nullptr)
        for (const Finding& finding : rule->check_folder(context)) add(rule->id, finding);
    m_report.subject = subject_text;
    return std::move(m_report);  // a copy of every finding was a twentieth of a run
  }

 private:
  void lint_statements(const LintMigration& migration, const Suppressions& suppressions) {
    const std::vector<std::string> lines = split(migration.text, '\n');
    MigrationProgress progress(migration.transactional);
    m_replay.begin_migration();
    for (const auto& statement : migration.statements) {
      const StatementContext context{migration, statement, m_replay, m_final, m_models, progress};
      for (const LintRule* rule : m_rules) {
        if (rule->check_statement == nullptr) continue;
        for (Finding finding : rule->check_statement(context)) {
          finding.location = statement.where();
          if (const auto* suppression = suppression_for(lines, suppressions, statement.where().line, rule->id))
            suppress(finding, *suppression);
          add(rule->id, finding);
        }
      }
      m_replay.apply(statement);
      progress.apply(statement);
    }
    const MigrationContext context{migration, progress};
    for (const LintRule* rule : m_rules)
      if (rule->check_migration != nullptr)
        for (const Finding& finding : rule->check_migration(context)) add(rule->id, finding);
  }

  void add(const std::string& rule_id, Finding finding) {
    for (auto& result : m_report.results) {
      if (result.rule_id != rule_id) continue;
      if (finding.severity != Severity::info) {
        finding.severity = result.severity;
        if (finding.severity != Severity::info) result.status = RuleStatus::failed;
      }
      finding.why = result.description;
      result.findings.push_back(std::move(finding));
      return;
    }
  }

  const std::vector<Model>& m_models;
  SchemaReplay m_replay;
  const SchemaReplay& m_final;
  std::vector<const LintRule*> m_rules;
  CheckReport m_report;
};

}  // namespace

CheckReport lint_migrations(const std::vector<LintMigration>& migrations, const std::vector<Model>& models,
                            const SchemaReplay& start, const LintSettings& settings, const std::string& layout) {
  const SchemaReplay final = replay_all(migrations, start);
  FolderLint lint(models, start, final, settings);
  for (const auto& migration : migrations) lint.lint(migration);
  spdlog::debug("linted {} migration(s)", migrations.size());
  return lint.finish(subject(migrations, layout));
}

bool has_unlintable_files(const CheckReport& report) {
  for (const auto& result : report.results)
    if (result.rule_id == k_unlintable_file && !result.findings.empty()) return true;
  return false;
}

}  // namespace plumb
