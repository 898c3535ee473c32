// `plumb check`: load the rules files, refuse bad ones before connecting,
// run the rules, print the report, exit 1 on findings at or above --fail-on.
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "report/report_renderer.hpp"
#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> rules{"rules"};
  std::vector<std::string> only;
  std::string fail_on = "error";
  std::string statement_timeout = "30s";
};

int run_check(const CheckFlags& flags, const GlobalOptions& options) {
  if (options.format != "text" && options.format != "json")
    throw InputError("--format " + options.format + " is not available for plumb check yet (expected text or json)");
  CheckOptions check;
  check.only = flags.only;
  check.statement_timeout = parse_duration(flags.statement_timeout);
  // Everything the user wrote is read and validated before connecting.
  const RuleSet rules = load_rules(flags.rules);
  select_rules(rules, flags.only);
  auto connection = connect(options.connection());
  const CheckReport report = run_checks(*connection, rules, check);
  write_result(options, render_report(report, options.format, options.output.empty() && colors_enabled(stdout)));
  const Severity fail_on = flags.fail_on == "warning" ? Severity::warning : Severity::error;
  return report.fails(fail_on) ? k_exit_findings : k_exit_ok;
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
  return [flags](const GlobalOptions& options) { return run_check(*flags, options); };
}

}  // namespace plumb::cli
