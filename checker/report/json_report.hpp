// JsonReport: a CheckReport as versioned JSON ({"version": 1, ...}) for
// scripts and CI; the README documents the schema.
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// The version of the JSON document; bumped only on incompatible changes.
constexpr int k_json_report_version = 1;

// The report as JSON text, indented, ending in a newline.
std::string render_json_report(const CheckReport& report);

}  // namespace plumb
