// `plumb check --targets` end to end: one report over databases on two real
// servers and one that cannot be reached.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "support/private_server.hpp"
#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/schema_validator.hpp"
#include "support/standby_server.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace plumb::testing;

namespace {

const std::string k_source = PLUMB_SOURCE_DIR;
const std::string k_schema_rules = "rules/reference.yml";  // 5 rules
const std::string k_password = "hunter2secret";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Three targets: the fixed schema on the shared server, the incident on a
// server of the test's own, and a server that is not there (with a password,
// which no output may show).
std::string write_fleet(const TempDirectory& folder, const TestDatabase& fixed, const PrivateServer& incident) {
  return folder.write("targets.yml",
                      "targets:\n"
                      "  - name: fixed\n"
                      "    db: \"" + fixed.conninfo() + "\"\n"
                      "    tags: [eu]\n"
                      "  - name: incident\n"
                      "    db: \"" + incident.conninfo() + "\"\n"
                      "    tags: [us]\n"
                      "  - name: gone\n"
                      "    db: \"postgresql://app:" + k_password + "@/app?host=/nonexistent-plumb&port=5999\"\n"
                      "    tags: [us]\n");
}

}  // namespace

TEST_CASE("check --targets over three targets, one unreachable, is one report with three named entries and exit 3",
          "[db][cli][fleet]") {
  TestDatabase fixed;
  apply_all_migrations(fixed);
  PrivateServer incident_server;
  load_incident_at_migration_1(incident_server.conninfo());
  TempDirectory folder;
  const std::string targets = write_fleet(folder, fixed, incident_server);

  const auto json_run = run_plumb({"check", "--targets", targets, "--rules", k_schema_rules, "--format", "json"}, {}, k_source);
  INFO(json_run.err);
  CHECK(json_run.exit_code == 3);
  const auto report = nlohmann::json::parse(json_run.out);
  REQUIRE(report["targets"].size() == 3);
  CHECK(report["targets"][0]["name"] == "fixed");
  CHECK(report["targets"][0]["status"] == "passed");
  CHECK(report["targets"][1]["name"] == "incident");
  CHECK(report["targets"][1]["status"] == "findings");
  CHECK(report["targets"][2]["name"] == "gone");
  CHECK(report["targets"][2]["status"] == "unreachable");
  CHECK(contains(report["targets"][2]["error"].get<std::string>(), "cannot connect to "));
  // The reachable ones were checked in full: every rule ran, as for one database.
  CHECK(report["targets"][0]["report"]["summary"]["rules"] == 5);
  CHECK(report["targets"][1]["report"]["summary"]["rules"] == 5);
  CHECK(report["targets"][1]["report"]["summary"]["findings"]["error"] == 2);
  CHECK_FALSE(report["targets"][2].contains("report"));
  CHECK(report["summary"].size() == 3);
  CHECK(report["summary"][1]["findings"]["error"] == 2);
  CHECK_FALSE(contains(json_run.out + json_run.err, k_password));

  const auto text_run = run_plumb({"check", "--targets", targets, "--rules", k_schema_rules, "--target", "us"}, {}, k_source);
  CHECK(text_run.exit_code == 3);
  CHECK_FALSE(contains(text_run.out, "== target fixed"));
  CHECK(contains(text_run.out, "== target incident: findings ("));
  CHECK(contains(text_run.out, "== target gone: unreachable ("));
  CHECK(contains(text_run.out, "fleet summary\n"));
  CHECK(contains(text_run.err, "] target gone unreachable "));
  CHECK_FALSE(contains(text_run.out + text_run.err, k_password));

  const auto sarif_run = run_plumb({"check", "--targets", targets, "--rules", k_schema_rules, "--format", "sarif"}, {}, k_source);
  const auto sarif = nlohmann::json::parse(sarif_run.out);
  REQUIRE(sarif["runs"].size() == 3);
  CHECK(sarif["runs"][0]["automationDetails"]["id"] == "plumb-check/fixed/");
  CHECK(sarif["runs"][2]["automationDetails"]["id"] == "plumb-check/gone/");
  CHECK(sarif["runs"][2]["invocations"][0]["executionSuccessful"] == false);
  const auto validation = validate_json(sarif_run.out, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
  CHECK_FALSE(contains(sarif_run.out, k_password));

  const auto junit_run = run_plumb({"check", "--targets", targets, "--rules", k_schema_rules, "--format", "junit"}, {}, k_source);
  CHECK(contains(junit_run.out, "<testsuite name=\"plumb check fixed\" tests=\"5\""));
  CHECK(contains(junit_run.out, "<testsuite name=\"plumb check gone\" tests=\"1\" failures=\"0\" errors=\"1\""));
}

TEST_CASE("check --targets exits 1 when the worst target has findings and every target was reached", "[db][cli][fleet]") {
  TestDatabase fixed;
  apply_all_migrations(fixed);
  TestDatabase incident;
  apply_reference_schema_at_incident(incident);
  TempDirectory folder;
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: a\n    db: \"" + fixed.conninfo() +
                                                              "\"\n  - name: b\n    db: \"" + incident.conninfo() + "\"\n");
  const auto run = run_plumb({"check", "--targets", targets, "--rules", k_schema_rules, "--parallel", "1", "-q"}, {}, k_source);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.out, "== target b: findings ("));
}

TEST_CASE("check --targets refuses a bad targets file, --db beside it and --target alone with exit 2", "[cli][fleet]") {
  TempDirectory folder;
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: a\n    db: dbname=a\n  - name: a\n    db: dbname=b\n");
  const auto twice = run_plumb({"check", "--targets", targets}, {}, k_source);
  CHECK(twice.exit_code == 2);
  CHECK(contains(twice.err, "targets.yml:4:11: target 'a' is given twice (first at "));
  const auto both = run_plumb({"check", "--targets", targets, "--db", "dbname=x"}, {}, k_source);
  CHECK(both.exit_code == 2);
  CHECK(contains(both.err, "plumb: give --db (or --db-env) or --targets, not both"));
  const auto alone = run_plumb({"check", "--target", "a"}, {}, k_source);
  CHECK(alone.exit_code == 2);
  CHECK(contains(alone.err, "plumb: --target needs --targets FILE"));
}

namespace {

// A data rule slow enough to be seen running: its text carries a marker to
// look for in pg_stat_activity.
const std::string k_slow_rule =
    "rules:\n"
    "  - id: slow-marker\n"
    "    check: sql\n"
    "    query: SELECT g AS plumb_fleet_marker FROM generate_series(1, 20000000) g WHERE g < 0\n";

// The number of sessions of `server` running the marked rule, or -1 when
// the query fails.
template <typename Server>
int marked_sessions(const Server& server) {
  return std::stoi(server.query_value(
      "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%plumb_fleet_marker%' AND pid <> pg_backend_pid()"));
}

}  // namespace

TEST_CASE("check --targets runs a target's rules on its replica: the query shows in the standby's pg_stat_activity",
          "[db][cli][fleet][replica]") {
  PrivateServer primary;
  StandbyServer standby(primary);
  TempDirectory folder;
  const std::string rules = folder.write("slow.yml", k_slow_rule);
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: eu-1\n    db: \"" + primary.conninfo() +
                                                              "\"\n    replica: \"" + standby.conninfo() + "\"\n");
  RunningPlumb run({"check", "--targets", targets, "--rules", rules, "--format", "json"});
  int on_standby = 0;
  int on_primary = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (on_standby == 0 && std::chrono::steady_clock::now() < deadline) {
    on_standby = marked_sessions(standby);
    on_primary += marked_sessions(primary);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto result = run.finish();
  INFO(result.err);
  CHECK(on_standby == 1);
  CHECK(on_primary == 0);
  CHECK(result.exit_code == 0);
  const auto report = nlohmann::json::parse(result.out);
  CHECK(report["targets"][0]["source"]["from"] == "replica");
  CHECK(report["targets"][0]["source"]["replay_lag_seconds"].get<double>() < 1.0);
}

TEST_CASE("check --targets skips stale_rows on a replica whose replay is paused, giving the lag, and runs the rest",
          "[db][cli][fleet][replica]") {
  PrivateServer primary;
  load_incident_at_migration_1(primary.conninfo());
  StandbyServer standby(primary);
  // A transaction replayed, then one held back: the lag grows from the first.
  primary.execute("UPDATE invitation_logs SET status = status");
  standby.catch_up(primary);
  standby.pause_replay();
  primary.execute("UPDATE invitation_logs SET status = status");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  TempDirectory folder;
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: eu-1\n    db: \"" + primary.conninfo() +
                                                              "\"\n    replica: \"" + standby.conninfo() + "\"\n");
  const auto result = run_plumb({"check", "--targets", targets, "--rules", "rules/reference-data.yml", "--format",
                                 "json", "--max-replica-lag", "1s"}, {}, k_source);
  INFO(result.err);
  const auto report = nlohmann::json::parse(result.out);
  const auto& target = report["targets"][0];
  CHECK(target["source"]["replay_lag_seconds"].get<double>() >= 1.0);
  int skipped = 0;
  for (const auto& rule : target["report"]["results"]) {
    if (rule["check"] == "stale_rows") {
      CHECK(rule["status"] == "skipped");
      CHECK(contains(rule["error"].get<std::string>(), "the replica's replay lags "));
      CHECK(contains(rule["error"].get<std::string>(), "more than --max-replica-lag 1s"));
      ++skipped;
    } else {
      CHECK(rule["status"] != "skipped");
    }
  }
  CHECK(skipped == 1);
  CHECK(target["report"]["summary"]["skipped"] == 1);
}

TEST_CASE("plumb.yml's targets list makes check a fleet run; --db on the command line still checks one database",
          "[db][cli][fleet]") {
  TestDatabase fixed;
  apply_all_migrations(fixed);
  TempDirectory folder;
  folder.write("plumb.yml", "rules: " + k_source + "/" + k_schema_rules +
                                "\ntargets:\n"
                                "  - name: fixed\n"
                                "    db: \"" + fixed.conninfo() + "\"\n"
                                "  - name: gone\n"
                                "    db: \"postgresql://app:" + k_password + "@/app?host=/nonexistent-plumb&port=5999\"\n");

  const auto fleet = run_plumb({"check", "--format", "json"}, {}, folder.path());
  INFO(fleet.err);
  CHECK(fleet.exit_code == 3);
  const auto report = nlohmann::json::parse(fleet.out);
  REQUIRE(report["targets"].size() == 2);
  CHECK(report["targets"][0]["status"] == "passed");
  CHECK(report["targets"][1]["status"] == "unreachable");
  CHECK_FALSE(contains(fleet.out + fleet.err, k_password));

  const auto one = run_plumb({"check", "--format", "json", "--db", fixed.conninfo()}, {}, folder.path());
  INFO(one.err);
  CHECK(one.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(one.out).contains("targets"));
}
