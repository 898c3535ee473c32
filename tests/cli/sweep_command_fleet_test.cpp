// `plumb sweep --targets` end to end: each target's primary swept as one
// database is, one report, a target that cannot be reached its own failure.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace plumb::testing;

namespace {

const std::string k_password = "hunter2secret";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string batch_28(const TestDatabase& database) {
  return database.query_value("SELECT status FROM invitation_logs WHERE id = 28");
}

CommandResult sweep_fleet(const std::string& targets, std::vector<std::string> flags) {
  std::vector<std::string> arguments = {"sweep", "--targets", targets, "--rules", "rules/reference-data.yml",
                                        "--format", "json"};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  return run_plumb(arguments, {}, PLUMB_SOURCE_DIR);
}

}  // namespace

TEST_CASE("sweep --targets sweeps each reachable primary into one report; an unreachable target is exit 3",
          "[db][cli][fleet][sweep]") {
  TestDatabase incident;
  apply_reference_schema_at_incident(incident);
  load_incident(incident);
  TempDirectory folder;
  const std::string targets = folder.write(
      "targets.yml", "targets:\n  - name: incident\n    db: \"" + incident.conninfo() +
                         "\"\n  - name: gone\n    db: \"postgresql://app:" + k_password +
                         "@/app?host=/nonexistent-plumb&port=5999\"\n");

  const auto dry_run = sweep_fleet(targets, {});
  INFO(dry_run.err);
  CHECK(dry_run.exit_code == 3);
  auto report = nlohmann::json::parse(dry_run.out);
  REQUIRE(report["targets"].size() == 2);
  CHECK(report["command"] == "sweep");
  CHECK(report["targets"][0]["name"] == "incident");
  CHECK(report["targets"][0]["status"] == "findings");
  CHECK(report["targets"][0]["report"]["command"] == "sweep");
  CHECK(report["targets"][1]["status"] == "unreachable");
  CHECK(batch_28(incident) == "running");  // a dry run moves nothing

  const auto applied = sweep_fleet(targets, {"--apply", "--target", "incident"});
  INFO(applied.err);
  CHECK(applied.exit_code == 0);
  report = nlohmann::json::parse(applied.out);
  REQUIRE(report["targets"].size() == 1);
  CHECK(report["targets"][0]["status"] == "passed");
  CHECK(batch_28(incident) == "failed");
  CHECK_FALSE(contains(dry_run.out + dry_run.err + applied.out + applied.err, k_password));
}
