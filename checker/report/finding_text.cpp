#include "report/finding_text.hpp"

namespace plumb {

std::string finding_text(const Finding& finding) {
  std::string text = finding.message;
  if (!finding.why.empty()) text += "\nwhy: " + finding.why;
  if (!finding.fix.empty()) text += "\nfix: " + finding.fix;
  const auto& samples = finding.samples;
  for (const auto& row : samples.rows) {
    std::string line;
    for (size_t column = 0; column < row.size() && column < samples.columns.size(); ++column)
      line += (column == 0 ? "" : ", ") + samples.columns[column] + "=" + row[column].value_or("NULL");
    text += "\n  " + line;
  }
  return text;
}

std::string incomplete_rule_text(const RuleResult& result) {
  return std::string(result.status == RuleStatus::timed_out ? "timed out: " : "error: ") + result.error;
}

}  // namespace plumb
