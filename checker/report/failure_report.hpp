// FailureReport: the report of a run that stopped before it had results (the
// database could not be reached, a statement failed), in the formats CI
// uploads, so that the upload step shows why instead of failing on a
// missing file.
#pragma once

#include <optional>
#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// The failure of `plumb <command>` with `message` (one line, already masked)
// in `format`: SARIF with invocations[0].executionSuccessful = false and the
// message as an error notification, and no results; JUnit with one testcase
// "plumb <command>" in error; a GitHub error annotation. nullopt for text and
// json, whose reader already has the message on stderr.
std::optional<std::string> render_failure_report(const std::string& command, const std::string& format,
                                                 const std::string& message);

// The failure as a report of one rule, named "plumb <command>", that could
// not run (status error, `message` its error): what JUnit and GitHub show.
CheckReport failed_run_report(const std::string& command, const std::string& message);

}  // namespace plumb
