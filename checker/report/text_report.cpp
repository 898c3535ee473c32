#include "report/text_report.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace plumb {
namespace {

std::string paint(const std::string& text, const char* code, bool colors) {
  return colors ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
}

const char* color_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;33";
    case Severity::info: return "1;36";
  }
  return "0";
}

std::string indented(const std::string& text, const std::string& prefix) {
  std::string out;
  for (const auto& line : split(text, '\n')) out += prefix + line + "\n";
  return out;
}

std::string samples_text(const SampleRows& samples) {
  std::vector<size_t> widths;
  for (const auto& column : samples.columns) widths.push_back(column.size());
  for (const auto& row : samples.rows)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].value_or("NULL").size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t i = 0; i < cells.size(); ++i)
      text += (i > 0 ? " | " : "") + cells[i] + std::string(widths[i] - cells[i].size(), ' ');
    return "      " + trim(text) + "\n";
  };
  std::string text = line(samples.columns);
  for (const auto& row : samples.rows) {
    std::vector<std::string> cells;
    for (const auto& value : row) cells.push_back(value.value_or("NULL"));
    text += line(cells);
  }
  return text;
}

std::string finding_text(const RuleResult& result, const Finding& finding, bool colors) {
  const auto where = finding.location.value_or(result.location);
  std::string text = paint(to_string(finding.severity), color_of(finding.severity), colors) + " [" + result.rule_id + "] " +
                     finding.object + "\n";
  text += "  what: " + finding.message + "\n";
  if (!finding.why.empty()) text += "  why:  " + finding.why + "\n";
  if (!finding.samples.rows.empty()) text += "  " + finding.samples.title + ":\n" + samples_text(finding.samples);
  if (!finding.fix.empty()) text += "  fix:\n" + indented(finding.fix, "    ");
  if (where.known()) text += "  rule: " + where.to_string() + "\n";
  return text + "\n";
}

std::string status_text(const RuleResult& result, bool colors) {
  return paint(to_string(result.status), "1;31", colors) + " [" + result.rule_id + "] " + result.error + "\n" +
         (result.location.known() ? "  rule: " + result.location.to_string() + "\n" : "") + "\n";
}

std::string summary(const CheckReport& report, bool colors) {
  int counts[3] = {0, 0, 0};
  int incomplete = 0;
  for (const auto& result : report.results) {
    if (did_not_complete(result.status)) ++incomplete;
    for (const auto& finding : result.findings) ++counts[static_cast<int>(finding.severity)];
  }
  std::string text = std::to_string(report.results.size()) + " rules: " + std::to_string(counts[2]) + " errors, " +
                     std::to_string(counts[1]) + " warnings, " + std::to_string(counts[0]) + " info";
  if (incomplete > 0) text += ", " + std::to_string(incomplete) + " did not complete";
  const bool clean = counts[2] + counts[1] + counts[0] + incomplete == 0;
  return paint(text, clean ? "1;32" : counts[2] + incomplete > 0 ? "1;31" : "1;33", colors) + "\n";
}

}  // namespace

std::string render_text_report(const CheckReport& report, bool colors) {
  std::string text;
  for (const auto& result : report.results) {
    if (did_not_complete(result.status)) text += status_text(result, colors);
    if (result.status == RuleStatus::skipped) text += "skipped [" + result.rule_id + "] " + result.error + "\n\n";
    for (const auto& finding : result.findings) text += finding_text(result, finding, colors);
  }
  if (!report.subject.empty()) text += report.subject + "\n";
  return text + summary(report, colors);
}

}  // namespace plumb
