#include "report/fleet_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "report/failure_report.hpp"
#include "report/junit_report.hpp"
#include "report/report_renderer.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

using nlohmann::json;

struct SeverityCounts {
  int error = 0;
  int warning = 0;
  int info = 0;
};

SeverityCounts count_findings(const TargetResult& target) {
  SeverityCounts counts;
  if (!target.report) return counts;
  for (const auto& result : target.report->results)
    for (const auto& finding : result.findings) {
      if (finding.severity == Severity::error) ++counts.error;
      else if (finding.severity == Severity::warning) ++counts.warning;
      else ++counts.info;
    }
  return counts;
}

// "primary", or "replica (replay lag 0.4s)".
std::string source_text(const ReadSource& source) {
  if (!source.replica) return "primary";
  if (!source.replay_lag_seconds) return "replica";
  return fmt::format("replica (replay lag {:.1f}s)", *source.replay_lag_seconds);
}

// Why a target has no report of its own.
std::string failure_message(const TargetResult& target) {
  return target.status == TargetStatus::not_started ? "not started: an earlier target failed" : target.error;
}

const CheckReport& report_or_failure(const std::string& command, const TargetResult& target, CheckReport& failure) {
  if (target.report) return *target.report;
  failure = failed_run_report(command, failure_message(target));
  return failure;
}

std::string fleet_text(const FleetReport& report, bool colors) {
  std::string text;
  for (const auto& target : report.targets) {
    text += fmt::format("== target {}: {} ({:.2f}s, read from {}) ==\n", target.name, to_string(target.status),
                        target.seconds, source_text(target.source));
    if (target.report) text += render_report(*target.report, "text", colors);
    else if (!target.error.empty()) text += target.error + "\n";
    text += "\n";
  }
  return text + render_fleet_summary(report);
}

json summary_json(const FleetReport& report) {
  json rows = json::array();
  for (const auto& target : report.targets) {
    const SeverityCounts counts = count_findings(target);
    rows.push_back({{"target", target.name}, {"status", to_string(target.status)},
                    {"findings", {{"error", counts.error}, {"warning", counts.warning}, {"info", counts.info}}},
                    {"seconds", target.seconds}});
  }
  return rows;
}

json source_json(const ReadSource& source) {
  json value = {{"from", source.replica ? "replica" : "primary"}};
  if (source.replay_lag_seconds) value["replay_lag_seconds"] = *source.replay_lag_seconds;
  return value;
}

std::string fleet_json(const FleetReport& report) {
  json targets = json::array();
  for (const auto& target : report.targets) {
    json entry = {{"name", target.name}, {"status", to_string(target.status)}, {"seconds", target.seconds},
                  {"source", source_json(target.source)}};
    if (!target.error.empty()) entry["error"] = target.error;
    if (target.report) entry["report"] = json::parse(render_report(*target.report, "json", false));
    targets.push_back(entry);
  }
  const json document = {{"version", 1}, {"command", report.command}, {"targets", targets},
                         {"summary", summary_json(report)}};
  return document.dump(2) + "\n";
}

// Each target's own SARIF log gives its run; the category keeps the runs apart.
std::string fleet_sarif(const FleetReport& report) {
  json runs = json::array();
  for (const auto& target : report.targets) {
    const std::string own = target.report ? render_report(*target.report, "sarif", false)
                                          : *render_failure_report(report.command, "sarif", failure_message(target));
    json own_log = json::parse(own);
    for (json& run : own_log.at("runs")) {
      run["automationDetails"] = json::object({{"id", "plumb-" + report.command + "/" + target.name + "/"}});
      run["properties"]["target"] = target.name;
      runs.push_back(run);
    }
  }
  const json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", runs}};
  return log.dump(2) + "\n";
}

std::string fleet_junit(const FleetReport& report) {
  std::vector<std::pair<std::string, CheckReport>> suites;
  for (const auto& target : report.targets) {
    CheckReport failure;
    suites.emplace_back("plumb " + report.command + " " + target.name, report_or_failure(report.command, target, failure));
  }
  return render_junit_suites("plumb " + report.command, suites);
}

std::string fleet_github(const FleetReport& report) {
  std::string text;
  for (const auto& target : report.targets) {
    CheckReport failure;
    text += render_report(report_or_failure(report.command, target, failure), "github", false);
  }
  return text;
}

}  // namespace

std::string render_fleet_summary(const FleetReport& report) {
  size_t width = 6;
  for (const auto& target : report.targets) width = std::max(width, target.name.size());
  std::string text = fmt::format("fleet summary\n{:<{}}  {:<11}  {:>6}  {:>8}  {:>4}  {:>7}\n", "target", width,
                                 "status", "errors", "warnings", "info", "seconds");
  for (const auto& target : report.targets) {
    const SeverityCounts counts = count_findings(target);
    text += fmt::format("{:<{}}  {:<11}  {:>6}  {:>8}  {:>4}  {:>7.2f}\n", target.name, width, to_string(target.status),
                        counts.error, counts.warning, counts.info, target.seconds);
  }
  return text;
}

std::string render_fleet_report(const FleetReport& report, const std::string& format, bool colors) {
  if (format == "text") return fleet_text(report, colors);
  if (format == "json") return fleet_json(report);
  if (format == "sarif") return fleet_sarif(report);
  if (format == "junit") return fleet_junit(report);
  if (format == "github") return fleet_github(report);
  throw InputError("--format " + format + " is not available for plumb " + report.command + " --targets");
}

}  // namespace plumb
