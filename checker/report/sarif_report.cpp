#include "report/sarif_report.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

#include "report/baseline.hpp"
#include "report/finding_text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::info: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

// Paths become URI references: anything outside the unreserved set and '/'
// is percent-encoded, so a space or '#' in a file name stays a path.
std::string uri_reference(const std::string& path) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string uri;
  for (const unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += k_hex[c >> 4];
      uri += k_hex[c & 15];
    }
  }
  return uri;
}

json location_json(const SourceLocation& where) {
  json physical = {{"artifactLocation", {{"uri", uri_reference(where.file)}}}};
  if (where.line > 0) {
    physical["region"] = {{"startLine", where.line}};
    if (where.column > 0) physical["region"]["startColumn"] = where.column;
  }
  return {{"physicalLocation", physical}};
}

json rule_descriptor(const RuleResult& result) {
  json rule = {{"id", result.rule_id},
               {"name", result.check},
               {"shortDescription", {{"text", result.description.empty() ? result.rule_id : result.description}}},
               {"defaultConfiguration", {{"level", sarif_level(result.severity)}}}};
  if (!result.tags.empty()) rule["properties"] = {{"tags", result.tags}};
  return rule;
}

json result_json(const RuleResult& rule, size_t rule_index, const std::string& level, const std::string& text,
                 const std::optional<SourceLocation>& where, const std::string& fingerprint) {
  json result = {{"ruleId", rule.rule_id}, {"ruleIndex", rule_index}, {"level", level}, {"message", {{"text", text}}}};
  const SourceLocation& place = where ? *where : rule.location;
  if (place.known()) result["locations"] = json::array({location_json(place)});
  result["partialFingerprints"] = {{"plumbFinding/v1", fingerprint}};
  return result;
}

}  // namespace

std::string render_sarif(const CheckReport& report) {
  json rules = json::array();
  json results = json::array();
  json notifications = json::array();
  for (size_t index = 0; index < report.results.size(); ++index) {
    const RuleResult& rule = report.results[index];
    rules.push_back(rule_descriptor(rule));
    for (const auto& finding : rule.findings)
      results.push_back(result_json(rule, index, sarif_level(finding.severity), finding_text(finding), finding.location,
                                    finding_fingerprint(rule.rule_id, finding)));
    if (!did_not_complete(rule.status)) continue;
    Finding status;
    status.key = std::string("status:") + to_string(rule.status);
    results.push_back(result_json(rule, index, "error", incomplete_rule_text(rule), std::nullopt,
                                  finding_fingerprint(rule.rule_id, status)));
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", rule.rule_id + ": " + incomplete_rule_text(rule)}}},
                             {"associatedRule", {{"id", rule.rule_id}, {"index", index}}}});
  }
  json invocation = {{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  const json driver = {{"name", "plumb"}, {"version", PLUMB_VERSION}, {"rules", rules}};
  json run = {{"tool", {{"driver", driver}}}, {"invocations", json::array({invocation})}, {"results", results}};
  // SARIF's property bag carries what the format has no field for.
  if (!report.subject.empty()) run["properties"]["subject"] = report.subject;
  if (!report.rule_set.empty()) run["properties"]["ruleSet"] = report.rule_set;
  const json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", json::array({run})}};
  return log.dump(2) + "\n";
}

}  // namespace plumb
