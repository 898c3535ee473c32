// `plumb lint`: read a folder of migrations (plumb, Flyway, golang-migrate,
// dbmate, Diesel, Prisma, pop, sqitch or plain SQL), lint every file it can
// against the locking rules of PostgreSQL and the models of the rules files,
// print the report, and exit 2 when a file could not be linted, else 1 on
// findings at or above --fail-on.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "lint/lint_runner.hpp"
#include "lint/live_schema.hpp"
#include "report/report_renderer.hpp"
#include "rules/rule_loader.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

struct LintFlags {
  std::string migrations = "migrations";
  std::vector<std::string> rules;
  bool pending_only = false;
  std::string history_table = "public.plumb_schema_migrations";
  std::string fail_on = "error";
  SessionFlags session;
  std::vector<std::string> excluded_rules;
  std::vector<std::string> severities;
};

LintSettings settings_of(const LintFlags& flags) {
  LintSettings settings;
  for (const auto& id : flags.excluded_rules) settings.exclude(id);
  for (const auto& assignment : flags.severities) settings.set_severity(assignment);
  return settings;
}

// The parser's own message, line and caret for each file that was not
// linted, on stderr whatever the report's format.
void tell_unlintable(const std::vector<LintMigration>& migrations) {
  for (const auto& migration : migrations)
    if (migration.problem) std::cerr << "plumb: " << migration.problem->detail << std::endl;
}

// Logs how long each phase took (with -v), so that bench/lint can say where
// the time goes: reading and parsing, replaying and the rules, rendering.
class PhaseClock {
 public:
  void lap(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("lint {}: {:.1f} ms", phase, std::chrono::duration<double, std::milli>(now - m_last).count());
    m_last = now;
  }

 private:
  std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

int run_lint(const LintFlags& flags, const GlobalOptions& options) {
  // Everything the user wrote is read and validated before connecting.
  const LintSettings settings = settings_of(flags);
  PhaseClock clock;
  LintFolder folder = read_migration_folder(flags.migrations);
  clock.lap("read");
  const RuleSet rules = flags.rules.empty() ? RuleSet{} : load_rules(flags.rules);
  const HistoryTable history_table = HistoryTable::parse(flags.history_table);
  SchemaReplay start;
  // Only an explicit --db reads the live catalog: a DATABASE_URL that CI
  // sets for other steps must not change what lint judges.
  if (options.names_database() || flags.pending_only) {
    auto connection = connect(options.connection(), flags.session.session());
    start = read_live_schema(*connection);
    if (flags.pending_only) folder.migrations = pending_only(folder.migrations, MigrationHistory(history_table).read(*connection));
  }
  const CheckReport report = lint_migrations(folder.migrations, rules.models, start, settings, folder.layout);
  clock.lap("lint");
  write_result(options, render_report(report, options.format, options.output.empty() && colors_enabled(stdout)));
  clock.lap("render");
  tell_unlintable(folder.migrations);
  if (has_unlintable_files(report)) return k_exit_bad_input;
  const Severity fail_on = flags.fail_on == "warning" ? Severity::warning : Severity::error;
  return report.has_failing_findings(fail_on) ? k_exit_findings : k_exit_ok;
}

}  // namespace

CommandRunner declare_lint_command(CLI::App& command) {
  auto flags = std::make_shared<LintFlags>();
  command.add_option("--migrations", flags->migrations,
                     "the migrations folder (plumb, Flyway, golang-migrate, dbmate, Diesel, Prisma, pop, sqitch or plain .sql files)")
      ->capture_default_str();
  command.add_option("--rules", flags->rules, "a rules file or folder whose models the migrations must respect (repeatable)");
  command.add_flag("--pending-only", flags->pending_only, "lint only the migrations the database has not applied (connects like --db)");
  command.add_option("--history-table", flags->history_table, "[SCHEMA.]NAME of plumb's history table")->capture_default_str();
  command.add_option("--fail-on", flags->fail_on, "exit 1 on findings at or above: error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  add_session_flags(command, flags->session);
  command.add_option("--exclude-rule", flags->excluded_rules, "turn a lint rule off (repeatable)");
  command.add_option("--severity", flags->severities,
                     "RULE-ID=LEVEL: run a rule at error, warning, info or off (repeatable; turns on the style rules)");
  return [flags](const GlobalOptions& options) { return run_lint(*flags, options); };
}

}  // namespace plumb::cli
