// SARIF report: a CheckReport as SARIF 2.1.0, the format code scanning
// (GitHub, Azure DevOps, IDEs) imports.
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// One run of tool "plumb", every rule in tool.driver.rules. Each finding is a
// result whose location is Finding::location when set, else the rule's line
// in its rules file, with a partial fingerprint (the baseline's) so that code
// scanning tracks it across runs. A rule that errored or timed out is an
// error result of its own and a tool execution notification, and makes the
// invocation unsuccessful.
std::string render_sarif(const CheckReport& report);

}  // namespace plumb
