// LineDiff: the difference between two texts, line by line, in unified
// style: what `plumb models import --check` shows when a committed models
// file no longer matches the app.
#pragma once

#include <string>

namespace plumb {

// "--- before_name\n+++ after_name\n", then every line of both texts in one
// hunk (no context trimming): " " for a line in both, "-" for a line only
// in `before`, "+" for one only in `after`. Lines in both are those of a
// longest common subsequence, so a moved rule shows as one "-" and one "+".
std::string line_diff(const std::string& before_name, const std::string& before, const std::string& after_name,
                      const std::string& after);

}  // namespace plumb
