#include <catch2/catch.hpp>

#include "report/github_report.hpp"
#include "support/run_plumb.hpp"
#include "support/sample_report.hpp"

using namespace plumb;
using namespace plumb::testing;

TEST_CASE("github annotations point at the rule's line and escape what would end the command", "[report]") {
  const std::string text = render_github(sample_report());
  CHECK(count_lines(text) == 4);
  CHECK(text.rfind(
            "::error file=rules/reference-data.yml,line=3,col=5,title=plumb check%3A no-stuck-batches::"
            "1 row(s) of invitation_logs where status = 'running' for more than 30m; the oldest for 232 days%0A"
            "why: a stuck batch blocks <every> new batch: 100%25 of them,%0Afor good%0A"
            "fix: plumb sweep --only no-stuck-batches%0A  id=28, audience=students, error_message=NULL\n",
            0) == 0);
}

TEST_CASE("github annotations use warning for warnings and a finding's own file", "[report]") {
  CHECK(render_github(sample_report()).find(
            "::warning file=migrations/002 fix.sql,line=7,col=1,title=plumb check%3A statuses::1 row(s)") !=
        std::string::npos);
}

TEST_CASE("a rule that timed out is a github error at its line", "[report]") {
  CHECK(render_github(sample_report()).find(
            "::error file=rules/reference-data.yml,line=40,col=5,title=plumb check%3A big-scan::timed out: canceling "
            "statement due to statement timeout (timeout 1s)\n") != std::string::npos);
}
