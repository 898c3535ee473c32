// TextReport: a CheckReport for a person at a terminal: each finding with
// its severity, rule, object, what is wrong, why, the fix and sample rows,
// then one summary line.
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// The report as text. `colors` adds ANSI colours to severities and the
// summary (the caller decides: a terminal, no NO_COLOR).
std::string render_text_report(const CheckReport& report, bool colors);

}  // namespace plumb
