// `plumb sweep`: list, or with --apply move, the rows that stale_rows rules
// find stuck, as their sweep actions say.
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/fleet_flags.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "db/replica_state.hpp"
#include "db/superuser_warning.hpp"
#include "fleet/target_sweep.hpp"
#include "report/report_renderer.hpp"
#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "rules/volatile_function_guard.hpp"
#include "sweep/sweep_runner.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

struct SweepFlags {
  std::vector<std::string> rules{"rules"};
  std::vector<std::string> only;
  bool apply = false;
  int limit = 0;
  std::string lock_timeout = "5s";
  std::vector<std::string> allow_volatile;  // --allow-volatile NAME
  FleetFlags fleet;                         // --targets FILE, --target, --parallel
};

SweepOptions sweep_options(const SweepFlags& flags) {
  SweepOptions sweep;
  sweep.apply = flags.apply;
  sweep.limit = flags.limit;
  sweep.safety.lock_timeout = parse_duration(flags.lock_timeout, "--lock-timeout");
  for (const auto& name : flags.allow_volatile) require_allowable(name);
  return sweep;
}

// The rules to sweep, read and validated before anything connects.
std::vector<Rule> rules_to_sweep(const SweepFlags& flags) {
  const RuleSet loaded = load_rules(flags.rules);
  return sweepable_rules(select_rules(loaded, flags.only), flags.only, loaded.files);
}

// `sweep --targets`: each target's primary swept as one database is,
// --parallel at a time, into one report; the exit code is the worst target's.
int run_fleet_sweep(const SweepFlags& flags, const GlobalOptions& options) {
  const TargetSweepOptions target_options{sweep_options(flags), flags.allow_volatile};
  const std::vector<Target> targets = flags.fleet.targets(options);
  const std::vector<Rule> rules = rules_to_sweep(flags);
  return run_fleet_report("sweep", targets, flags.fleet, options,
                          [&](const Target& target) { return sweep_target(target, rules, target_options); });
}

int run_sweep(const SweepFlags& flags, const GlobalOptions& options) {
  const SweepOptions sweep = sweep_options(flags);
  const std::vector<Rule> rules = rules_to_sweep(flags);
  const ReadOnlySession dry_run{sweep.safety.lock_timeout, sweep.safety.statement_timeout};
  auto connection = flags.apply ? connect(options.connection()) : connect(options.connection(), dry_run);
  // A standby cannot take the moves, and its rows may lag the primary's: a
  // batch done there still looks stuck here.
  refuse_standby(*connection, "plumb sweep", options.connection().describe());
  // Before any scan: a `where` may not call a volatile function.
  refuse_volatile_calls(*connection, rules, flags.allow_volatile);
  warn_when_superuser(*connection);
  const CheckReport report = run_sweeps(*connection, rules, sweep);
  write_result(options, render_report(report, options.format, options.output.empty() && colors_enabled(stdout)));
  // As for check: a rule that could not run outweighs what the others found.
  if (report.incomplete()) return k_exit_runtime_failure;
  return report.has_failing_findings(Severity::error) ? k_exit_findings : k_exit_ok;
}

}  // namespace

CommandRunner declare_sweep_command(CLI::App& command) {
  auto flags = std::make_shared<SweepFlags>();
  command.add_option("--rules", flags->rules, "a rules file or a folder of them (repeatable; default: rules/)");
  command.add_option("--only", flags->only, "sweep only the rule with this id, or the rules with this tag (repeatable)");
  command.add_flag("--apply", flags->apply, "move the rows; without it, only list what would move");
  command.add_option("--limit", flags->limit, "move at most N rows per rule, oldest first (default: all)")
      ->check(CLI::Validator(
          [](std::string& text) {
            const bool whole = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
            return whole ? std::string() : "expected a whole number of rows (0: all), got '" + text + "'";
          },
          "N"));
  command.add_option("--lock-timeout", flags->lock_timeout,
                     "give up on a rule whose table is locked for longer than this (default 5s)");
  command.add_option("--allow-volatile", flags->allow_volatile,
                     "sweep rules whose 'where' calls this volatile function anyway (repeatable; never lo_*, "
                     "pg_*_backend, pg_read_*, set_config, advisory locks, dblink*)");
  add_fleet_flags(command, flags->fleet);
  return [flags](const GlobalOptions& options) {
    const bool fleet = flags->fleet.given() || !flags->fleet.selectors.empty();
    return fleet ? run_fleet_sweep(*flags, options) : run_sweep(*flags, options);
  };
}

}  // namespace plumb::cli
