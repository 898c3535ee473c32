#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/baseline.hpp"
#include "support/sample_report.hpp"
#include "util/errors.hpp"
#include "util/sha256.hpp"

using namespace plumb;
using namespace plumb::testing;

TEST_CASE("a finding's fingerprint is the sha256 of its rule id and key", "[report]") {
  Finding finding;
  finding.key = "invitation_logs";
  finding.message = "any count";
  CHECK(finding_fingerprint("no-stuck-batches", finding) == sha256_hex("no-stuck-batches\ninvitation_logs"));
}

TEST_CASE("the baseline file lists today's findings sorted by rule", "[report]") {
  const auto json = nlohmann::json::parse(write_baseline(sample_report()));
  CHECK(json["version"] == 1);
  REQUIRE(json["findings"].size() == 2);
  CHECK(json["findings"][0]["rule"] == "no-stuck-batches");
  CHECK(json["findings"][1]["rule"] == "statuses");
  CHECK(json["findings"][1]["object"] == "column invitation_logs.status");
}

TEST_CASE("findings in the baseline are known and the report passes on them", "[report]") {
  const CheckReport report = sample_report();
  const auto outcome = apply_baseline(report, read_baseline(write_baseline(report), "baseline.json"));
  CHECK(outcome.suppressed == 2);
  CHECK(outcome.resolved.empty());
  CHECK(outcome.report.results[1].status == RuleStatus::passed);
  CHECK(outcome.report.results[1].findings.empty());
  CHECK(outcome.report.results[4].status == RuleStatus::timed_out);
}

TEST_CASE("a finding not in the baseline is new and a baseline entry gone is resolved", "[report]") {
  CheckReport before = sample_report();
  before.results[2].findings[0].key = "members.email";  // a finding fixed since
  CheckReport now = sample_report();
  now.results[1].findings[0].message = "2 row(s) ... the counts changed";  // same fingerprint
  const auto outcome = apply_baseline(now, read_baseline(write_baseline(before), "baseline.json"));
  CHECK(outcome.suppressed == 1);
  REQUIRE(outcome.report.results[2].findings.size() == 1);
  CHECK(outcome.report.results[2].status == RuleStatus::failed);
  REQUIRE(outcome.resolved.size() == 1);
  CHECK(outcome.resolved[0].fingerprint == sha256_hex("statuses\nmembers.email"));
}

TEST_CASE("baseline entries of a rule that did not complete are not reported as resolved", "[report]") {
  CheckReport before = sample_report();
  before.results[4].status = RuleStatus::failed;
  before.results[4].findings.push_back(Finding{});
  const auto outcome = apply_baseline(sample_report(), read_baseline(write_baseline(before), "b.json"));
  CHECK(outcome.resolved.empty());
}

TEST_CASE("a file that is not a baseline is refused with its name", "[report]") {
  CHECK_THROWS_MATCHES(read_baseline("{\"version\": 2, \"findings\": []}", "b.json"), InputError,
                       Catch::Matchers::Message("b.json: baseline version 2 is not supported (expected 1)"));
  CHECK_THROWS_WITH(read_baseline("[1, 2", "b.json"), Catch::StartsWith("b.json: not a plumb baseline: "));
}

// Names come from the database and rules files: a table may be called
// anything. Each hostile name must stay one string of the entry.
TEST_CASE("a name with quotes, newlines or bytes that are not UTF-8 stays one value of the baseline", "[report]") {
  struct Case {
    const char* what;
    std::string object;
    std::string written;  // as read back
  };
  const std::vector<Case> cases{
      {"JSON structure", "table \"x\"}, {\"fingerprint\": \"0\", \"rule\": \"r\"", "table \"x\"}, {\"fingerprint\": \"0\", \"rule\": \"r\""},
      {"a newline and YAML", "t\n- fingerprint: 0\n  rule: r", "t\n- fingerprint: 0\n  rule: r"},
      {"control characters", std::string("a\0b\x1b[31m", 8), std::string("a\0b\x1b[31m", 8)},
      {"Latin-1 from a SQL_ASCII server", "caf\xe9", "caf\xef\xbf\xbd"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CheckReport report = sample_report();
    report.results[1].findings[0].object = c.object;
    report.results[1].findings[0].key = c.object;
    const std::string text = write_baseline(report);
    const auto json = nlohmann::json::parse(text);
    REQUIRE(json["findings"].size() == 2);
    const Baseline baseline = read_baseline(text, "b.json");
    CHECK(baseline.entries[0].object == c.written);
    const auto outcome = apply_baseline(report, baseline);
    CHECK(outcome.suppressed == 2);
    CHECK(outcome.resolved.empty());
  }
}
