#include "report/junit_report.hpp"

#include <algorithm>
#include <cstdio>

#include "report/finding_text.hpp"

namespace plumb {
namespace {

// XML 1.0 cannot hold most control characters even escaped; they are dropped.
std::string xml_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t' || c == '\r') escaped += c;
    }
  }
  return escaped;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

Severity highest_severity(const RuleResult& result) {
  Severity highest = Severity::info;
  for (const auto& finding : result.findings) highest = std::max(highest, finding.severity);
  return highest;
}

std::string testcase(const std::string& suite, const RuleResult& result) {
  std::string xml = "    <testcase name=\"" + xml_escape(result.rule_id) + "\" classname=\"" +
                    xml_escape(suite + "." + result.check) + "\" time=\"" + seconds_text(result.seconds) + "\"";
  if (result.status == RuleStatus::passed) return xml + "/>\n";
  xml += ">\n";
  if (result.status == RuleStatus::skipped)
    return xml + "      <skipped message=\"" + xml_escape(result.error) + "\"/>\n    </testcase>\n";
  if (result.status == RuleStatus::failed) {
    std::string body;
    for (const auto& finding : result.findings) body += (body.empty() ? "" : "\n\n") + finding_text(finding);
    const std::string first = result.findings.empty() ? "failed" : result.findings.front().message;
    xml += "      <failure message=\"" + xml_escape(first) + "\" type=\"" + to_string(highest_severity(result)) + "\">" +
           xml_escape(body) + "</failure>\n";
  } else {
    xml += "      <error message=\"" + xml_escape(incomplete_rule_text(result)) + "\" type=\"" +
           to_string(result.status) + "\"/>\n";
  }
  return xml + "    </testcase>\n";
}

struct SuiteCounts {
  size_t tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  double seconds = 0;

  void add(const CheckReport& report) {
    tests += report.results.size();
    for (const auto& result : report.results) {
      failures += result.status == RuleStatus::failed;
      errors += did_not_complete(result.status);
      skipped += result.status == RuleStatus::skipped;
      seconds += result.seconds;
    }
  }

  std::string attributes() const {
    return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\" time=\"" + seconds_text(seconds) + "\"";
  }
};

std::string testsuite(const std::string& name, const CheckReport& report) {
  SuiteCounts counts;
  counts.add(report);
  std::string xml = "  <testsuite name=\"" + xml_escape(name) + "\"" + counts.attributes() + " skipped=\"" +
                    std::to_string(counts.skipped) + "\">\n";
  for (const auto& result : report.results) xml += testcase("plumb." + report.command, result);
  return xml + "  </testsuite>\n";
}

}  // namespace

std::string render_junit_suites(const std::string& name,
                                const std::vector<std::pair<std::string, CheckReport>>& suites) {
  SuiteCounts counts;
  for (const auto& suite : suites) counts.add(suite.second);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites name=\"" + xml_escape(name) + "\"" + counts.attributes() + ">\n";
  for (const auto& [suite_name, report] : suites) xml += testsuite(suite_name, report);
  return xml + "</testsuites>\n";
}

std::string render_junit(const CheckReport& report) {
  const std::string suite = "plumb " + report.command;
  return render_junit_suites(suite, {{suite, report}});
}

}  // namespace plumb
