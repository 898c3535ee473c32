#include "lint/lint_suppression.hpp"

#include <sstream>

#include "lint/lint_rule.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
std::map<int, std::vector<LintSuppression>> read_suppressions(const std::string& path, const std::string& text) {
  static const std::string k_marker = "-- plumb:lint-ignore";
  std::map<int, std::vector<LintSuppression>> suppressions;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const size_t at = line.find(k_marker);
    if (at == std::string::npos || !trim(line.substr(0, at)).empty()) continue;
    const SourceLocation where{path, number, static_cast<int>(at + k_marker.size()) + 2};
    std::istringstream words(line.substr(at + k_marker.size()));
    LintSuppression suppression;
    words >> suppression.rule_id;
    std::getline(words, suppression.reason);
    suppression.reason = trim(suppression.reason);
    suppression.where = where;
    if (suppression.rule_id.empty() || suppression.reason.empty())
      throw InputError(where, "a lint suppression needs a rule id and a reason: '-- plumb:lint-ignore <rule-id> <reason>'", line);
    if (find_lint_rule(suppression.rule_id) == nullptr)
      throw InputError(where, "unknown lint rule '" + suppression.rule_id + "' (known: " + known_lint_rule_ids() + ")", line);
    suppressions[number].push_back(suppression);
  }
  return suppressions;
}

}  // namespace plumb
