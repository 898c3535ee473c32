#include "report/github_report.hpp"

#include "report/finding_text.hpp"

namespace plumb {
namespace {

const char* command_for(Severity severity) {
  switch (severity) {
    case Severity::info: return "notice";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::string escape_data(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '%') escaped += "%25";
    else if (c == '\r') escaped += "%0D";
    else if (c == '\n') escaped += "%0A";
    else escaped += c;
  }
  return escaped;
}

std::string escape_property(const std::string& text) {
  std::string escaped;
  for (const char c : escape_data(text)) {
    if (c == ':') escaped += "%3A";
    else if (c == ',') escaped += "%2C";
    else escaped += c;
  }
  return escaped;
}

std::string annotation(const char* command, const SourceLocation& where, const std::string& title,
                       const std::string& message) {
  std::string properties;
  if (where.known()) {
    properties += "file=" + escape_property(where.file);
    if (where.line > 0) properties += ",line=" + std::to_string(where.line);
    if (where.column > 0) properties += ",col=" + std::to_string(where.column);
    properties += ",";
  }
  properties += "title=" + escape_property(title);
  return std::string("::") + command + " " + properties + "::" + escape_data(message) + "\n";
}

}  // namespace

std::string render_github(const CheckReport& report) {
  std::string text;
  for (const auto& rule : report.results) {
    for (const auto& finding : rule.findings)
      text += annotation(command_for(finding.severity), finding.location.value_or(rule.location),
                         "plumb " + report.command + ": " + rule.rule_id, finding_text(finding));
    if (did_not_complete(rule.status))
      text += annotation("error", rule.location, "plumb " + report.command + ": " + rule.rule_id,
                         incomplete_rule_text(rule));
  }
  return text;
}

}  // namespace plumb
