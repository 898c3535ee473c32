// `plumb check` end to end on the data rules: the real binary against a
// database holding the incident's batches.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/schema_validator.hpp"

using namespace plumb::testing;

namespace {

const std::string k_rules = PLUMB_SOURCE_DIR "/rules/reference-data.yml";

std::string temporary_file() {
  char path[] = "/tmp/plumb-baseline-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  return path;
}

}  // namespace

TEST_CASE("plumb check reports batch 28 as stuck with its age and counters and exits 1", "[db][cli]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const auto result = run_plumb({"--db", database.conninfo(), "check", "--rules", k_rules});
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("1 row(s) of invitation_logs where status = 'running' for more than 30m; the oldest for ") !=
        std::string::npos);
  CHECK(result.out.find("2026-04-10 08:44:14") != std::string::npos);
  CHECK(result.out.find("students") != std::string::npos);
}

TEST_CASE("plumb check writes sarif that validates against the sarif schema", "[db][cli]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const auto result = run_plumb({"--db", database.conninfo(), "--format", "sarif", "check", "--rules", k_rules});
  CHECK(result.exit_code == 1);
  const auto validation = validate_json(result.out, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

TEST_CASE("writing a baseline exits 0, and with it plumb check passes and fails again on a new one", "[db][cli]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const std::string baseline = temporary_file();
  CHECK(run_plumb({"--db", database.conninfo(), "check", "--rules", k_rules, "--write-baseline", baseline}).exit_code == 0);
  CHECK(run_plumb({"--db", database.conninfo(), "check", "--rules", k_rules, "--baseline", baseline}).exit_code == 0);
  database.execute("UPDATE invitation_logs SET status = 'done' WHERE id = 22");
  const auto result = run_plumb({"--db", database.conninfo(), "check", "--rules", k_rules, "--baseline", baseline});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("batch-statuses") != std::string::npos);
  std::remove(baseline.c_str());
}

namespace {

// The json report without the times, which differ from run to run: each
// rule's duration and the age of the oldest stuck row, which moves with the clock.
nlohmann::json without_times(nlohmann::json report) {
  const std::string age = "; the oldest for ";
  for (auto& result : report["results"]) {
    result.erase("seconds");
    for (auto& finding : result["findings"]) {
      const std::string message = finding["message"];
      finding["message"] = message.substr(0, message.find(age));
    }
  }
  return report;
}

}  // namespace

TEST_CASE("plumb check --jobs 2 gives the same report as --jobs 1", "[db][cli]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const auto one = run_plumb({"--db", database.conninfo(), "--format", "json", "check", "--rules", k_rules, "--jobs", "1"});
  const auto two = run_plumb({"--db", database.conninfo(), "--format", "json", "check", "--rules", k_rules, "--jobs", "2"});
  CHECK(one.exit_code == 1);
  CHECK(two.exit_code == 1);
  CHECK(without_times(nlohmann::json::parse(two.out)) == without_times(nlohmann::json::parse(one.out)));
}

TEST_CASE("plumb check in text mode shows a progress line per rule on stderr", "[db][cli]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const auto result = run_plumb({"--db", database.conninfo(), "check", "--rules", k_rules, "--only", "no-stuck-batches"});
  CHECK(result.exit_code == 1);
  CHECK(result.err.rfind(superuser_warning() + "[1/1] no-stuck-batches failed ", 0) == 0);
  CHECK(result.err.substr(result.err.size() - 2) == "s\n");
  CHECK(result.out.find("[1/1]") == std::string::npos);
}
