#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/json_report.hpp"
#include "report/report_renderer.hpp"
#include "util/errors.hpp"

using namespace plumb;
using nlohmann::json;

TEST_CASE("the json report is versioned and carries every field of a finding", "[report]") {
  Finding finding;
  finding.severity = Severity::warning;
  finding.object = "model M (public.t)";
  finding.message = "no valid unique index enforces unique (a)";
  finding.why = "duplicates";
  finding.fix = "CREATE UNIQUE INDEX CONCURRENTLY ...;";
  finding.key = "M:a";
  finding.location = SourceLocation{"rules/r.yml", 5, 9};
  RuleResult result;
  result.rule_id = "match";
  result.check = "unique_indexes_match_model";
  result.tags = {"schema"};
  result.location = {"rules/r.yml", 3, 5};
  result.status = RuleStatus::failed;
  result.findings = {finding};
  const json document = json::parse(render_json_report(CheckReport{"check", {result}, "", ""}));
  CHECK(document["version"] == 1);
  CHECK(document["command"] == "check");
  CHECK(document["summary"] == json::parse(R"({"rules": 1, "passed": 0, "failed": 1, "error": 0, "timed_out": 0,
                                                "findings": {"error": 0, "warning": 1, "info": 0}})"));
  const json& rule = document["results"][0];
  CHECK(rule["id"] == "match");
  CHECK(rule["check"] == "unique_indexes_match_model");
  CHECK(rule["status"] == "failed");
  CHECK(rule["error"].is_null());
  CHECK(rule["tags"] == json::array({"schema"}));
  CHECK(rule["location"] == json::parse(R"({"file": "rules/r.yml", "line": 3, "column": 5})"));
  CHECK(rule["findings"][0] == json::parse(R"J({"severity": "warning", "object": "model M (public.t)",
      "message": "no valid unique index enforces unique (a)", "why": "duplicates",
      "fix": "CREATE UNIQUE INDEX CONCURRENTLY ...;", "key": "M:a",
      "location": {"file": "rules/r.yml", "line": 5, "column": 9}})J"));
}

TEST_CASE("the renderer refuses a format it does not know", "[report]") {
  CHECK_THROWS_WITH(render_report(CheckReport{}, "xml", false),
                    "--format xml is not available for plumb check (expected text, json, junit, sarif or github)");
  CHECK(render_report(CheckReport{}, "json", false).find("\"version\": 1") != std::string::npos);
}

// The report is written as it goes, not built as a tree: its text must still
// be nlohmann's own layout of the same document (members by name, two-space
// indent), byte for byte, so that diffs of reports between versions stay empty.
TEST_CASE("the json report's text is the canonical layout of its document", "[report]") {
  Finding finding;
  finding.object = "table public.t";
  finding.message = "3 rows";
  finding.samples.columns = {"id", "email"};
  finding.samples.rows = {{std::string("1"), std::nullopt}, {std::string("2"), std::string("a\"b")}};
  RuleResult failed;
  failed.rule_id = failed.check = "no_dupes";
  failed.status = RuleStatus::failed;
  failed.findings = {finding, Finding{}};
  RuleResult broken;
  broken.rule_id = "broken";
  broken.status = RuleStatus::error;
  broken.error = "relation \"t\" does not exist";
  broken.seconds = 0.25;
  for (const CheckReport& report : {CheckReport{"check", {failed, broken}, "", ""},
                                    CheckReport{"lint", {broken}, "layout: flyway; 1 file(s) linted", "defaults"},
                                    CheckReport{"sweep", {}, "", ""}}) {
    const std::string text = render_json_report(report);
    CHECK(text == json::parse(text).dump(2) + "\n");
  }
}
