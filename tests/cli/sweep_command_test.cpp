// `plumb sweep` end to end: the real binary on the incident's data.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/reference_schema.hpp"
#include "support/private_server.hpp"
#include "support/run_plumb.hpp"
#include "support/standby_server.hpp"
#include "support/test_database.hpp"

using namespace plumb::testing;

namespace {

const std::string k_rules = "rules/reference-data.yml";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void load_incident_at_migration_1(const TestDatabase& database) {
  apply_reference_schema_at_incident(database);
  load_incident(database);
}

CommandResult sweep(const TestDatabase& database, std::vector<std::string> flags) {
  std::vector<std::string> arguments = {"sweep", "--db", database.conninfo(), "--rules", k_rules};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  return run_plumb(arguments, {}, PLUMB_SOURCE_DIR);
}

std::string batch_28(const TestDatabase& database) {
  return database.query_value("SELECT status || ' ' || coalesce(error_message, '-') || ' ' || "
                              "(completed_at IS NOT NULL) FROM invitation_logs WHERE id = 28");
}

}  // namespace

TEST_CASE("plumb sweep is a dry run by default that lists batch 28 and changes nothing", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  const auto result = sweep(database, {});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, "error [no-stuck-batches] table invitation_logs\n"));
  CHECK(contains(result.out, "1 row(s) of invitation_logs where status = 'running' unchanged for more than 30m "
                             "(updated_at) would be set to status = 'failed'"));
  CHECK(contains(result.out, "28 | Workshop      | 3668        | students | 2026-04-10 08:44:14 | 5"));
  CHECK(contains(result.out, "plumb sweep --only no-stuck-batches --apply"));
  CHECK(contains(result.out, "loggable_type=Workshop loggable_id=3668 audience=students action=invite"));
  CHECK(batch_28(database) == "running - false");
}

TEST_CASE("plumb sweep warns once when connected as a superuser, as check does", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  const auto result = sweep(database, {});
  CHECK(result.err == superuser_warning());
}

TEST_CASE("plumb sweep --apply moves batch 28 to failed and says which workshop needs a new batch", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  const auto result = sweep(database, {"--apply"});
  CHECK(result.exit_code == 0);
  CHECK(contains(result.out, "info [no-stuck-batches] table invitation_logs\n"));
  CHECK(contains(result.out, "moved 1 row(s) of invitation_logs"));
  CHECK(contains(result.out, "start again what these rows were doing, for:\n"
                             "      loggable_type=Workshop loggable_id=3668 audience=students action=invite"));
  CHECK(batch_28(database) == "failed stuck in running; moved by plumb sweep true");
  // Only batch 28 was running; the completed batches are untouched.
  CHECK(database.query_value("SELECT count(*) FROM invitation_logs WHERE status = 'completed'") == "4");
}

TEST_CASE("a second plumb sweep --apply moves nothing", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  REQUIRE(sweep(database, {"--apply"}).exit_code == 0);
  const auto completed_at = database.query_value("SELECT completed_at FROM invitation_logs WHERE id = 28");
  const auto again = sweep(database, {"--apply"});
  CHECK(again.exit_code == 0);
  CHECK_FALSE(contains(again.out, "moved"));
  CHECK(contains(again.out, "1 rules: 0 errors, 0 warnings, 0 info\n"));
  CHECK(database.query_value("SELECT completed_at FROM invitation_logs WHERE id = 28") == completed_at);
}

TEST_CASE("plumb sweep --limit moves the oldest rows first and says how many it left", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  database.execute("UPDATE invitation_logs SET status = 'running', updated_at = timestamp '2026-04-01' WHERE id = 22");
  const auto dry_run = sweep(database, {"--limit", "1"});
  CHECK(contains(dry_run.out, "(dry run); 1 more stuck row(s) left by --limit 1\n"));
  const auto applied = sweep(database, {"--apply", "--limit", "1"});
  CHECK(applied.exit_code == 0);
  CHECK(contains(applied.out, "; 1 more stuck row(s) left by --limit 1\n"));
  CHECK(database.query_value("SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM invitation_logs "
                             "WHERE id IN (22, 28)") == "22:failed,28:running");
  // The last one: nothing is left, and nothing is said of a limit.
  CHECK_FALSE(contains(sweep(database, {"--apply", "--limit", "1"}).out, "left by --limit"));
}

TEST_CASE("plumb sweep --format json reports what moved", "[db][cli][sweep]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  const auto result = run_plumb({"--format", "json", "sweep", "--db", database.conninfo(), "--rules", k_rules, "--apply"},
                                {}, PLUMB_SOURCE_DIR);
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  REQUIRE(json["results"].size() == 1);
  CHECK(json["results"][0]["id"] == "no-stuck-batches");
  REQUIRE(json["results"][0]["findings"].size() == 1);
  CHECK(json["results"][0]["findings"][0]["samples"]["rows"][0][0] == "28");
}

TEST_CASE("plumb sweep --only naming a rule without a sweep action is bad input", "[cli][sweep]") {
  const auto result = run_plumb({"sweep", "--db", "postgresql://u:s3cret@127.0.0.1:1/x", "--rules", k_rules, "--only",
                                 "entry-members-exist"},
                                {}, PLUMB_SOURCE_DIR);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.err, "rule 'entry-members-exist' cannot be swept: only stale_rows rules with a 'sweep' action can"));
}

TEST_CASE("a --limit that is not a whole number is bad input in one readable line", "[cli][sweep]") {
  const auto result = run_plumb({"sweep", "--limit", "-1"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: --limit: expected a whole number of rows (0: all), got '-1' (see plumb --help)\n");
}

TEST_CASE("sweep refuses a standby with one line", "[db][cli][replica]") {
  PrivateServer primary;
  load_incident_at_migration_1(primary.conninfo());
  StandbyServer standby(primary);
  standby.catch_up(primary);
  const auto result = run_plumb({"sweep", "--db", standby.conninfo(), "--rules", k_rules}, {}, PLUMB_SOURCE_DIR);
  CHECK(result.exit_code == 3);
  CHECK(contains(result.err, "plumb: plumb sweep refused: "));
  CHECK(contains(result.err, " is a standby in recovery (pg_is_in_recovery()); point it at the primary\n"));
}
