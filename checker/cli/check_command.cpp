// `plumb check`: load the rules files, refuse bad ones before connecting,
// run the rules, print the report, exit 3 when a rule errored or timed out,
// else 1 on findings at or above --fail-on.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/fleet_flags.hpp"
#include "cli/output.hpp"
#include "fleet/target_check.hpp"
#include "report/baseline.hpp"
#include "report/report_renderer.hpp"
#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "rules/volatile_function_guard.hpp"
#include "util/atomic_file.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"
#include "util/file_text.hpp"

namespace plumb::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> rules{"rules"};
  std::vector<std::string> only;
  std::string fail_on = "error";
  std::string statement_timeout = "30s";
  std::string lock_timeout = "5s";
  int jobs = 1;
  std::string baseline;        // --baseline FILE: fail only on findings not in it
  std::string write_baseline;  // --write-baseline FILE: record today's findings
  std::vector<std::string> allow_volatile;  // --allow-volatile NAME: run rules calling it anyway
  std::string role;            // --role NAME: SET LOCAL ROLE in each rule's transaction
  bool no_samples = false;     // --no-samples: no sample rows in any report
  FleetFlags fleet;            // --targets FILE, --target, --parallel
  std::string max_replica_lag = "30s";  // --max-replica-lag: skip stale_rows on a replica further behind
};

// In text mode, one line per rule on stderr as it finishes, e.g.
// "[3/7] no-stuck-batches failed 0.42s"; stdout keeps only the report.
class StderrProgress : public CheckProgress {
 public:
  void rule_finished(size_t finished, size_t total, const RuleResult& result) override {
    fmt::print(stderr, "[{}/{}] {} {} {:.2f}s\n", finished, total, result.rule_id, to_string(result.status),
               result.seconds);
    std::fflush(stderr);
  }
};

std::string read_baseline_file(const std::string& path) {
  auto text = read_file_text(path);
  if (!text) throw InputError("cannot read baseline " + path);
  return std::move(*text);
}

// Atomically, as reports are: a failed write keeps the previous baseline.
void write_baseline_file(const std::string& path, const CheckReport& report) {
  write_file_atomically(path, write_baseline(report), "baseline " + path);
}

// The findings a baseline already holds are dropped from the report; the
// entries that no longer occur are logged so that the file can be renewed.
CheckReport against_baseline(const CheckReport& report, const Baseline& baseline, const std::string& path) {
  const BaselineOutcome outcome = apply_baseline(report, baseline);
  if (outcome.suppressed > 0) spdlog::info("{} finding(s) known in baseline {}", outcome.suppressed, path);
  for (const auto& entry : outcome.resolved)
    spdlog::warn("baseline entry no longer occurs: rule '{}' {} ({})", entry.rule_id, entry.object, entry.fingerprint);
  return outcome.report;
}

// The run's options from the flags; refuses bad ones before connecting.
CheckOptions check_options(const CheckFlags& flags) {
  CheckOptions check;
  check.only = flags.only;
  check.statement_timeout = parse_duration(flags.statement_timeout, "--statement-timeout");
  check.lock_timeout = parse_duration(flags.lock_timeout, "--lock-timeout");
  check.jobs = flags.jobs;
  check.allowed_volatile = flags.allow_volatile;
  check.role = flags.role;
  if (flags.no_samples) check.sample_limit = 0;
  for (const auto& name : flags.allow_volatile) require_allowable(name);
  return check;
}

Severity fail_on_of(const CheckFlags& flags) { return flags.fail_on == "warning" ? Severity::warning : Severity::error; }

int run_check(const CheckFlags& flags, const GlobalOptions& options) {
  const CheckOptions check = check_options(flags);
  // Everything the user wrote is read and validated before connecting.
  const RuleSet rules = load_rules(flags.rules);
  select_rules(rules, flags.only);
  std::optional<Baseline> baseline;
  if (!flags.baseline.empty()) baseline = read_baseline(read_baseline_file(flags.baseline), flags.baseline);
  // Progress lines are for a person watching a text report; --quiet asks for none.
  StderrProgress progress;
  const bool show_progress = options.format == "text" && !options.quiet;
  CheckReport report = run_checks(options.connection(), rules, check, show_progress ? &progress : nullptr);
  if (!flags.write_baseline.empty()) write_baseline_file(flags.write_baseline, report);
  if (baseline) report = against_baseline(report, *baseline, flags.baseline);
  write_result(options, render_report(report, options.format, options.output.empty() && colors_enabled(stdout)));
  // A rule that errored or timed out proves nothing: exit 3 outranks findings.
  if (report.incomplete()) return k_exit_runtime_failure;
  // Writing a baseline accepts today's findings: the file is the outcome.
  if (!flags.write_baseline.empty()) return k_exit_ok;
  return report.has_failing_findings(fail_on_of(flags)) ? k_exit_findings : k_exit_ok;
}

// `check --targets`: each target checked by the runner above, --parallel
// at a time, into one report; the exit code is the worst target's.
int run_fleet_check(const CheckFlags& flags, const GlobalOptions& options) {
  // A baseline's findings belong to one database.
  if (!flags.baseline.empty() || !flags.write_baseline.empty())
    throw InputError("--baseline and --write-baseline take one database, not --targets");
  TargetCheckOptions target_options{check_options(flags), fail_on_of(flags),
                                    parse_duration(flags.max_replica_lag, "--max-replica-lag").count() / 1000.0};
  const std::vector<Target> targets = flags.fleet.targets(options);
  const RuleSet rules = load_rules(flags.rules);
  select_rules(rules, flags.only);
  return run_fleet_report("check", targets, flags.fleet, options,
                          [&](const Target& target) { return check_target(target, rules, target_options); });
}

}  // namespace

CommandRunner declare_check_command(CLI::App& command) {
  auto flags = std::make_shared<CheckFlags>();
  command.add_option("--rules", flags->rules, "a rules file or a folder of them (repeatable; default: rules/)");
  command.add_option("--only", flags->only, "run only the rule with this id, or the rules with this tag (repeatable)");
  command.add_option("--fail-on", flags->fail_on, "exit 1 on findings at or above: error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  command.add_option("--statement-timeout", flags->statement_timeout,
                     "statement_timeout of each rule without its own 'timeout:' (default 30s)");
  command.add_option("--lock-timeout", flags->lock_timeout,
                     "give up a rule that waits this long for a lock, naming who holds it (default 5s)");
  command.add_option("--jobs", flags->jobs, "rules run at once, each on a connection of its own (default 1)")
      ->check(CLI::Range(1, 64));
  command.add_option("--baseline", flags->baseline, "fail only on findings not recorded in this baseline file");
  command.add_option("--write-baseline", flags->write_baseline, "record today's findings in this baseline file");
  command.add_option("--allow-volatile", flags->allow_volatile,
                     "run rules that call this volatile function anyway (repeatable; never lo_*, pg_*_backend, "
                     "pg_read_*, set_config, advisory locks, dblink*)");
  command.add_option("--role", flags->role, "SET ROLE to this role inside each rule's transaction");
  command.add_flag("--no-samples", flags->no_samples, "put no sample rows in any report (for sensitive tables)");
  add_fleet_flags(command, flags->fleet);
  command.add_option("--max-replica-lag", flags->max_replica_lag,
                     "with --targets: skip stale_rows rules on a replica whose replay lags more (default 30s)");
  return [flags](const GlobalOptions& options) {
    const bool fleet = flags->fleet.given() || !flags->fleet.selectors.empty();
    return fleet ? run_fleet_check(*flags, options) : run_check(*flags, options);
  };
}

}  // namespace plumb::cli
