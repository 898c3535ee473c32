// ReportRenderer: picks the renderer for an output format (`--format`).
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// The report in `format` ("text", "json", "junit", "sarif" or "github"). `colors` matters to text only.
// Throws InputError naming the formats it knows for any other format.
std::string render_report(const CheckReport& report, const std::string& format, bool colors);

}  // namespace plumb
