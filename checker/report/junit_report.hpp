// JUnit report: a CheckReport as JUnit XML, the test report format every CI
// system reads; one testcase per rule.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "vocabulary/check_report.hpp"

namespace plumb {

// One <testsuite> named "plumb <command>" inside <testsuites>. A rule with
// findings is a testcase with a <failure> (type: the highest severity); a rule
// that errored or timed out has an <error> (type "error" or "timed_out"); a
// passing rule is an empty testcase. Never throws on report content: text is
// escaped and characters XML cannot hold are dropped.
std::string render_junit(const CheckReport& report);

// Several reports as one document: <testsuites name="`name`"> holding one
// <testsuite> per (suite name, report), e.g. one per target of a fleet.
std::string render_junit_suites(const std::string& name,
                                const std::vector<std::pair<std::string, CheckReport>>& suites);

}  // namespace plumb
