#include <catch2/catch.hpp>

#include "report/text_report.hpp"

using namespace plumb;

namespace {

CheckReport sample_report() {
  Finding finding;
  finding.severity = Severity::error;
  finding.object = "index public.t.t_a";
  finding.message = "unique index t_a (a) is stricter";
  finding.why = "inserts fail";
  finding.fix = "CREATE UNIQUE INDEX CONCURRENTLY x ON public.t (a, b);\nDROP INDEX CONCURRENTLY public.t_a;";
  finding.samples = {{"a", "b"}, {{"1", "1"}, {"1", std::nullopt}}, "rows the model accepts and the database rejects"};
  RuleResult failed;
  failed.rule_id = "match";
  failed.location = {"rules/r.yml", 3, 5};
  failed.status = RuleStatus::failed;
  failed.findings = {finding};
  RuleResult timed_out;
  timed_out.rule_id = "slow";
  timed_out.status = RuleStatus::timed_out;
  timed_out.error = "ERROR: canceling statement due to statement timeout";
  RuleResult passed;
  passed.rule_id = "fine";
  return CheckReport{"check", {failed, timed_out, passed}, "", ""};
}

}  // namespace

TEST_CASE("the text report shows each finding with what why rows fix and rule then a summary", "[report]") {
  CHECK(render_text_report(sample_report(), false) ==
        "error [match] index public.t.t_a\n"
        "  what: unique index t_a (a) is stricter\n"
        "  why:  inserts fail\n"
        "  rows the model accepts and the database rejects:\n"
        "      a | b\n"
        "      1 | 1\n"
        "      1 | NULL\n"
        "  fix:\n"
        "    CREATE UNIQUE INDEX CONCURRENTLY x ON public.t (a, b);\n"
        "    DROP INDEX CONCURRENTLY public.t_a;\n"
        "  rule: rules/r.yml:3:5\n"
        "\n"
        "timed_out [slow] ERROR: canceling statement due to statement timeout\n"
        "\n"
        "3 rules: 1 errors, 0 warnings, 0 info, 1 did not complete\n");
}

TEST_CASE("the text report is coloured only when asked", "[report]") {
  CHECK(render_text_report(sample_report(), false).find('\033') == std::string::npos);
  CHECK(render_text_report(sample_report(), true).find("\033[1;31merror\033[0m [match]") == 0);
}

TEST_CASE("a clean run says so in one line", "[report]") {
  CHECK(render_text_report(CheckReport{"check", {RuleResult{}}, "", ""}, false) == "1 rules: 0 errors, 0 warnings, 0 info\n");
}
