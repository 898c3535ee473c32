// FleetReportRenderer: one document for a command run over a fleet, made of
// each target's usual report (text, json, junit, sarif, github) plus a fleet
// summary: target, status, findings by severity, seconds.
#pragma once

#include <string>

#include "vocabulary/fleet_report.hpp"

namespace plumb {

// The fleet's report in `format`:
// - text: a section per target ("== target NAME: STATUS ==", where its rules
//   read, its usual report or its one-line error), then the summary table;
// - json: {"version", "command", "targets": [{"name", "status", "seconds",
//   "error"?, "source", "report"?}], "summary": [...]}, each "report" the
//   target's usual JSON report;
// - sarif: one run per target, each with automationDetails.id
//   "plumb-COMMAND/NAME/" (a category of its own, as GitHub code scanning
//   requires of several runs in one upload) and properties.target;
// - junit: one testsuite per target, "plumb COMMAND NAME";
// - github: each target's annotations, in turn.
// A target without a report (unreachable, failed) is its failure report:
// an unsuccessful SARIF run, a JUnit testsuite with one errored testcase.
// Throws InputError for another format. `colors` matters to text only.
std::string render_fleet_report(const FleetReport& report, const std::string& format, bool colors);

// The summary table alone, as text (the end of the text report).
std::string render_fleet_summary(const FleetReport& report);

}  // namespace plumb
