#include "report/json_report.hpp"

#include <nlohmann/json.hpp>

namespace plumb {
namespace {

using nlohmann::json;

json location_json(const SourceLocation& location) {
  if (!location.known()) return nullptr;
  return {{"file", location.file}, {"line", location.line}, {"column", location.column}};
}

json samples_json(const SampleRows& samples) {
  json rows = json::array();
  for (const auto& row : samples.rows) {
    json values = json::array();
    for (const auto& value : row) values.push_back(value ? json(*value) : json(nullptr));
    rows.push_back(values);
  }
  return {{"columns", samples.columns}, {"rows", rows}};
}

json finding_json(const Finding& finding) {
  json out = {{"severity", to_string(finding.severity)}, {"object", finding.object}, {"message", finding.message},
              {"why", finding.why}, {"fix", finding.fix}, {"key", finding.key},
              {"location", location_json(finding.location.value_or(SourceLocation{}))}};
  if (!finding.samples.columns.empty()) out["samples"] = samples_json(finding.samples);
  return out;
}

json result_json(const RuleResult& result) {
  json findings = json::array();
  for (const auto& finding : result.findings) findings.push_back(finding_json(finding));
  return {{"id", result.rule_id}, {"check", result.check}, {"severity", to_string(result.severity)},
          {"tags", result.tags}, {"description", result.description}, {"location", location_json(result.location)},
          {"status", to_string(result.status)}, {"error", result.error.empty() ? json(nullptr) : json(result.error)},
          {"seconds", result.seconds}, {"findings", findings}};
}

json summary_json(const CheckReport& report) {
  json summary = {{"rules", report.results.size()}, {"passed", 0}, {"failed", 0}, {"error", 0}, {"timed_out", 0},
                  {"findings", {{"error", 0}, {"warning", 0}, {"info", 0}}}};
  for (const auto& result : report.results) {
    // "skipped" only when a rule was: the reports of other runs keep their shape.
    summary[to_string(result.status)] = summary.value(to_string(result.status), 0) + 1;
    for (const auto& finding : result.findings)
      summary["findings"][to_string(finding.severity)] = summary["findings"][to_string(finding.severity)].get<int>() + 1;
  }
  return summary;
}

}  // namespace

std::string render_json_report(const CheckReport& report) {
  json results = json::array();
  for (const auto& result : report.results) results.push_back(result_json(result));
  json document = {{"version", k_json_report_version}, {"command", report.command},
                   {"summary", summary_json(report)}, {"results", results}};
  if (!report.subject.empty()) document["subject"] = report.subject;
  if (!report.rule_set.empty()) document["rule_set"] = report.rule_set;
  return document.dump(2) + "\n";
}

}  // namespace plumb
