// `plumb lint`: read a folder of migrations (plumb, Flyway, golang-migrate or
// dbmate), refuse bad files before connecting, lint them against the locking
// rules of PostgreSQL and the models of the rules files, print the report,
// exit 1 on findings at or above --fail-on.
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
};

int run_lint(const LintFlags& flags, const GlobalOptions& options) {
  // Everything the user wrote is read and validated before connecting.
  std::vector<LintMigration> migrations = read_migration_folder(flags.migrations);
  const RuleSet rules = flags.rules.empty() ? RuleSet{} : load_rules(flags.rules);
  const HistoryTable history_table = HistoryTable::parse(flags.history_table);
  SchemaReplay start;
  // Only an explicit --db reads the live catalog: a DATABASE_URL that CI
  // sets for other steps must not change what lint judges.
  if (options.names_database() || flags.pending_only) {
    auto connection = connect(options.connection(), flags.session.session());
    start = read_live_schema(*connection);
    if (flags.pending_only) migrations = pending_only(migrations, MigrationHistory(history_table).read(*connection));
  }
  const CheckReport report = lint_migrations(migrations, rules.models, start);
  write_result(options, render_report(report, options.format, options.output.empty() && colors_enabled(stdout)));
  const Severity fail_on = flags.fail_on == "warning" ? Severity::warning : Severity::error;
  return report.has_failing_findings(fail_on) ? k_exit_findings : k_exit_ok;
}

}  // namespace

CommandRunner declare_lint_command(CLI::App& command) {
  auto flags = std::make_shared<LintFlags>();
  command.add_option("--migrations", flags->migrations, "the migrations folder (plumb, Flyway, golang-migrate or dbmate)")
      ->capture_default_str();
  command.add_option("--rules", flags->rules, "a rules file or folder whose models the migrations must respect (repeatable)");
  command.add_flag("--pending-only", flags->pending_only, "lint only the migrations the database has not applied (connects like --db)");
  command.add_option("--history-table", flags->history_table, "[SCHEMA.]NAME of plumb's history table")->capture_default_str();
  command.add_option("--fail-on", flags->fail_on, "exit 1 on findings at or above: error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  add_session_flags(command, flags->session);
  return [flags](const GlobalOptions& options) { return run_lint(*flags, options); };
}

}  // namespace plumb::cli
