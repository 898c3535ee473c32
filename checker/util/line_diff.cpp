#include "util/line_diff.hpp"

#include <algorithm>
#include <vector>

#include "util/text.hpp"

namespace plumb {

std::string line_diff(const std::string& before_name, const std::string& before_text, const std::string& after_name,
                      const std::string& after_text) {
  const std::vector<std::string> before = split(before_text, '\n');
  const std::vector<std::string> after = split(after_text, '\n');
  // Longest common subsequence table, from the end.
  std::vector<std::vector<int>> common(before.size() + 1, std::vector<int>(after.size() + 1, 0));
  for (std::size_t i = before.size(); i-- > 0;)
    for (std::size_t j = after.size(); j-- > 0;)
      common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
  std::string diff = "--- " + before_name + "\n+++ " + after_name + "\n";
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (i < before.size() && j < after.size() && before[i] == after[j]) {
      diff += " " + before[i++] + "\n";
      ++j;
    } else if (i < before.size() && (j == after.size() || common[i + 1][j] >= common[i][j + 1])) {
      diff += "-" + before[i++] + "\n";
    } else {
      diff += "+" + after[j++] + "\n";
    }
  }
  return diff;
}

}  // namespace plumb
