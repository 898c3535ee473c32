#include "report/failure_report.hpp"

#include <nlohmann/json.hpp>

#include "report/github_report.hpp"
#include "report/junit_report.hpp"

namespace plumb {
namespace {

// No result: a failed run found nothing, and code scanning would otherwise
// open an alert for the outage and close it on the next good run.
std::string failure_sarif(const std::string& command, const std::string& message) {
  using nlohmann::json;
  const json notification = {{"level", "error"}, {"message", {{"text", "plumb " + command + ": " + message}}}};
  const json invocation = {{"executionSuccessful", false},
                           {"toolExecutionNotifications", json::array({notification})}};
  const json driver = {{"name", "plumb"}, {"version", PLUMB_VERSION}, {"rules", json::array()}};
  const json run = {{"tool", {{"driver", driver}}}, {"invocations", json::array({invocation})},
                    {"results", json::array()}};
  const json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", json::array({run})}};
  return log.dump(2) + "\n";
}

}  // namespace

// JUnit and GitHub have no place for a run's own failure: it is one rule,
// named after the command, that could not run.
CheckReport failed_run_report(const std::string& command, const std::string& message) {
  RuleResult run;
  run.rule_id = "plumb " + command;
  run.check = "run";
  run.status = RuleStatus::error;
  run.error = message;
  CheckReport report;
  report.command = command;
  report.results.push_back(run);
  return report;
}

std::optional<std::string> render_failure_report(const std::string& command, const std::string& format,
                                                 const std::string& message) {
  if (format == "sarif") return failure_sarif(command, message);
  if (format == "junit") return render_junit(failed_run_report(command, message));
  if (format == "github") return render_github(failed_run_report(command, message));
  return std::nullopt;
}

}  // namespace plumb
