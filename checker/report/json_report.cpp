#include "report/json_report.hpp"

#include "report/json_writer.hpp"

namespace plumb {
namespace {

// Members are written in name order: the order nlohmann::json gave them
// when the report was built as a tree, which scripts may have relied on.

void write_location(JsonWriter& out, const SourceLocation& location) {
  if (!location.known()) return out.null();
  out.begin_object();
  out.key("column");
  out.value(location.column);
  out.key("file");
  out.value(location.file);
  out.key("line");
  out.value(location.line);
  out.end_object();
}

void write_strings(JsonWriter& out, const std::vector<std::string>& strings) {
  out.begin_array();
  for (const auto& text : strings) out.value(text);
  out.end_array();
}

void write_samples(JsonWriter& out, const SampleRows& samples) {
  out.begin_object();
  out.key("columns");
  write_strings(out, samples.columns);
  out.key("rows");
  out.begin_array();
  for (const auto& row : samples.rows) {
    out.begin_array();
    for (const auto& value : row) value ? out.value(*value) : out.null();
    out.end_array();
  }
  out.end_array();
  out.end_object();
}

void write_finding(JsonWriter& out, const Finding& finding) {
  out.begin_object();
  out.key("fix");
  out.value(finding.fix);
  out.key("key");
  out.value(finding.key);
  out.key("location");
  write_location(out, finding.location.value_or(SourceLocation{}));
  out.key("message");
  out.value(finding.message);
  out.key("object");
  out.value(finding.object);
  if (!finding.samples.columns.empty()) {
    out.key("samples");
    write_samples(out, finding.samples);
  }
  out.key("severity");
  out.value(to_string(finding.severity));
  out.key("why");
  out.value(finding.why);
  out.end_object();
}

void write_result(JsonWriter& out, const RuleResult& result) {
  out.begin_object();
  out.key("check");
  out.value(result.check);
  out.key("description");
  out.value(result.description);
  out.key("error");
  result.error.empty() ? out.null() : out.value(result.error);
  out.key("findings");
  out.begin_array();
  for (const auto& finding : result.findings) write_finding(out, finding);
  out.end_array();
  out.key("id");
  out.value(result.rule_id);
  out.key("location");
  write_location(out, result.location);
  out.key("seconds");
  out.value(result.seconds);
  out.key("severity");
  out.value(to_string(result.severity));
  out.key("status");
  out.value(to_string(result.status));
  out.key("tags");
  write_strings(out, result.tags);
  out.end_object();
}

void write_summary(JsonWriter& out, const CheckReport& report) {
  int statuses[static_cast<int>(RuleStatus::skipped) + 1] = {};  // by RuleStatus, skipped the last
  int severities[3] = {0, 0, 0};    // by Severity
  for (const auto& result : report.results) {
    ++statuses[static_cast<int>(result.status)];
    for (const auto& finding : result.findings) ++severities[static_cast<int>(finding.severity)];
  }
  out.begin_object();
  out.key("error");
  out.value(statuses[static_cast<int>(RuleStatus::error)]);
  out.key("failed");
  out.value(statuses[static_cast<int>(RuleStatus::failed)]);
  out.key("findings");
  out.begin_object();
  out.key("error");
  out.value(severities[static_cast<int>(Severity::error)]);
  out.key("info");
  out.value(severities[static_cast<int>(Severity::info)]);
  out.key("warning");
  out.value(severities[static_cast<int>(Severity::warning)]);
  out.end_object();
  out.key("passed");
  out.value(statuses[static_cast<int>(RuleStatus::passed)]);
  out.key("rules");
  out.value(report.results.size());
  // "skipped" only when a rule was: the reports of other runs keep their shape.
  if (const int skipped = statuses[static_cast<int>(RuleStatus::skipped)]) {
    out.key("skipped");
    out.value(skipped);
  }
  out.key("timed_out");
  out.value(statuses[static_cast<int>(RuleStatus::timed_out)]);
  out.end_object();
}

}  // namespace

std::string render_json_report(const CheckReport& report) {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  out.key("command");
  out.value(report.command);
  out.key("results");
  out.begin_array();
  for (const auto& result : report.results) write_result(out, result);
  out.end_array();
  if (!report.rule_set.empty()) {
    out.key("rule_set");
    out.value(report.rule_set);
  }
  if (!report.subject.empty()) {
    out.key("subject");
    out.value(report.subject);
  }
  out.key("summary");
  write_summary(out, report);
  out.key("version");
  out.value(k_json_report_version);
  out.end_object();
  text += '\n';
  return text;
}

}  // namespace plumb
