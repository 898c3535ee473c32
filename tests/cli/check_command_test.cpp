#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/schema_validator.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::run_plumb;
using plumb::testing::TestDatabase;

namespace {

const std::string k_source = PLUMB_SOURCE_DIR;
const std::string k_incident_index = "idx_on_invitation_type_invitation_id_6d6ef495e6";
// The schema rules alone: rules/ also holds the data rules, tested elsewhere.
const std::string k_schema_rules = "rules/reference.yml";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string write_temporary(const std::string& name, const std::string& text) {
  const std::string path = "/tmp/plumb-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("plumb check on the reference schema at migration 1 exits 1 naming the incident's index", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb({"check", "--db", database.conninfo(), "--rules", k_schema_rules}, {}, k_source);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, "error [unique-indexes-match-models] index public.invitation_log_entries." + k_incident_index + "\n"));
  CHECK(contains(result.out, "RecordNotUnique"));
  CHECK(contains(result.out, "DROP INDEX CONCURRENTLY public." + k_incident_index + ";"));
  CHECK(contains(result.out, "5 rules: 2 errors, 5 warnings, 0 info\n"));
}

TEST_CASE("plumb check after all migrations reports no error", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  const auto result = run_plumb({"check", "--db", database.conninfo()}, {}, k_source);
  CHECK(result.exit_code == 0);
  CHECK_FALSE(contains(result.out, "\nerror ["));
  CHECK_FALSE(contains(result.out, k_incident_index));
  // WorkshopInvitation's validation still has no index behind it: a race.
  CHECK(contains(result.out, "warning [unique-indexes-match-models] model WorkshopInvitation (public.workshop_invitations)\n"));
  CHECK(contains(result.out, " 0 errors, "));
}

TEST_CASE("plumb check --quiet prints the report and no progress lines", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  const auto result = run_plumb({"check", "--quiet", "--db", database.conninfo()}, {}, k_source);
  CHECK(result.exit_code == 0);
  CHECK(contains(result.out, " 0 errors, "));
  // Warnings still show under --quiet: the tests connect as a superuser.
  CHECK(plumb::testing::count_lines(result.err) == 1);
  CHECK(contains(result.err, "warning: connected as superuser "));
  CHECK_FALSE(contains(result.err, "[1/"));
}

TEST_CASE("the model as it was at the incident still finds the global index stricter", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb(
      {"check", "--db", database.conninfo(), "--rules", "tests/fixtures/incident-era-models.yml"}, {}, k_source);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, "error [unique-indexes-match-model] index public.invitation_log_entries." + k_incident_index + "\n"));
  CHECK(contains(result.out, "closest: unique (member_id, invitation_type, invitation_id)"));
  CHECK(contains(result.out, "differ only in member_id"));
  CHECK(contains(result.out, "1 rules: 1 errors, 0 warnings, 0 info\n"));
}

TEST_CASE("plumb check --fail-on warning exits 1 on warnings alone", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  CHECK(run_plumb({"check", "--db", database.conninfo(), "--fail-on", "warning"}, {}, k_source).exit_code == 1);
}

TEST_CASE("plumb check --only runs the rules with that id or tag", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto by_id = run_plumb({"check", "--db", database.conninfo(), "--only", "readable-index-names"}, {}, k_source);
  CHECK(by_id.exit_code == 0);
  CHECK(contains(by_id.out, "1 rules: 0 errors, 1 warnings, 0 info\n"));
  const auto by_tag = run_plumb({"check", "--db", database.conninfo(), "--rules", k_schema_rules, "--only", "incident"}, {}, k_source);
  CHECK(by_tag.exit_code == 1);
  CHECK(contains(by_tag.out, "3 rules: 2 errors, 2 warnings, 0 info\n"));
}

TEST_CASE("plumb check --format json is versioned and lists every rule's status", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb({"--format", "json", "check", "--db", database.conninfo(), "--rules", k_schema_rules}, {}, k_source);
  CHECK(result.exit_code == 1);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["version"] == 1);
  CHECK(json["summary"]["findings"]["error"] == 2);
  REQUIRE(json["results"].is_array());
  REQUIRE_FALSE(json["results"].empty());
  const auto& first = json["results"][0];
  CHECK(first["id"] == "unique-indexes-match-models");
  CHECK(first["status"] == "failed");
  REQUIRE(first["findings"].is_array());
  REQUIRE_FALSE(first["findings"].empty());
  CHECK(first["findings"][0]["samples"]["rows"].size() == 2);
}

TEST_CASE("a bad rules file exits 2 with its place before any connection is made", "[cli]") {
  const auto rules = write_temporary("bad.yml", "rules:\n  - id: r\n    check: index_names\n    patern: x\n");
  // An unreachable server: exit 2 rather than 3 proves nothing connected.
  const auto result = run_plumb({"check", "--db", "postgresql://u:s3cret@127.0.0.1:1/x", "--rules", rules});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "plumb: " + rules +
                          ":4:5: rule 'r': unknown key 'patern' (expected one of: id, check, severity, tags, description, "
                          "timeout, samples, table, pattern, constraints)\n        patern: x\n        ^\n");
  std::remove(rules.c_str());
}

TEST_CASE("an --only that names no rule is bad input", "[cli]") {
  const auto result = run_plumb({"check", "--db", "postgresql://u@127.0.0.1:1/x", "--only", "nothing"}, {}, k_source);
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: --only nothing: no rule has this id or tag\n");
}

TEST_CASE("a bad --statement-timeout is bad input", "[cli]") {
  const auto result = run_plumb({"check", "--statement-timeout", "soon"}, {}, k_source);
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: --statement-timeout: invalid duration 'soon': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s\n");
}

TEST_CASE("a rule over a large table that runs past its 1s timeout is reported as timed out and the others still run",
          "[db][cli]") {
  TestDatabase database;
  database.execute("CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 2000000) AS g;");
  const auto rules = write_temporary("slow.yml",
                                     "rules:\n"
                                     "  - id: slow\n"
                                     "    check: sql\n"
                                     "    timeout: 1s\n"
                                     "    query: SELECT count(*) FROM big a CROSS JOIN big b HAVING count(*) < 0\n"
                                     "  - id: ids-not-null\n"
                                     "    check: not_null\n"
                                     "    table: big\n"
                                     "    columns: [id]\n"
                                     "  - id: ids-up-to-a-million\n"
                                     "    check: sql\n"
                                     "    query: SELECT id FROM big WHERE id > 1000000 ORDER BY id\n");
  const auto result = run_plumb({"check", "--db", database.conninfo(), "--rules", rules, "--jobs", "2"});
  std::remove(rules.c_str());
  INFO(result.err);
  CHECK(result.exit_code == 3);
  CHECK(contains(result.out, "timed_out [slow] canceling statement due to statement timeout"));
  CHECK(contains(result.out, "rule: " + rules + ":2:5\n"));
  CHECK(contains(result.out, "[ids-up-to-a-million]"));
  CHECK(contains(result.out, "3 rules: 1 errors, 0 warnings, 0 info, 1 did not complete\n"));
  // The progress lines say how long each rule ran, the slow one included.
  CHECK(contains(result.err, "] slow timed_out "));
  CHECK(contains(result.err, "] ids-not-null passed "));
  CHECK(contains(result.err, "] ids-up-to-a-million failed "));
}

namespace {

// A table with a row whose value must not reach a CI report.
const char* const k_secret_table = "CREATE TABLE tokens (id int PRIMARY KEY, token text NOT NULL);"
                                   "INSERT INTO tokens VALUES (1, 'tok-7f3a9');";

const std::string k_token_rule = "rules:\n  - id: tokens\n    check: sql\n    query: \"SELECT token FROM tokens\"\n";

}  // namespace

TEST_CASE("plumb check --no-samples and a rule's samples: false keep rows out of every format", "[db][cli]") {
  TestDatabase database;
  database.execute(k_secret_table);
  const std::string plain = write_temporary("tokens.yml", k_token_rule);
  const std::string unsampled = write_temporary("tokens-unsampled.yml", k_token_rule + "    samples: false\n");
  const auto run = [&](const std::string& rules, const std::string& format, bool no_samples) {
    std::vector<std::string> arguments = {"check", "--db", database.conninfo(), "--rules", rules, "--format", format};
    if (no_samples) arguments.push_back("--no-samples");
    return run_plumb(arguments);
  };
  CHECK(contains(run(plain, "text", false).out, "tok-7f3a9"));
  for (const std::string format : {"text", "json", "junit", "sarif", "github"}) {
    for (const auto& [rules, no_samples] : {std::pair{plain, true}, std::pair{unsampled, false}}) {
      const auto result = run(rules, format, no_samples);
      INFO(format << " " << rules << ": " << result.out << result.err);
      CHECK(result.exit_code == 1);
      CHECK(contains(result.out, "1 row(s) break the rule"));
      CHECK_FALSE(contains(result.out + result.err, "tok-7f3a9"));
    }
  }
}

TEST_CASE("plumb check --role runs each rule as that role, which needs only pg_read_all_data", "[db][cli]") {
  TestDatabase database;
  database.execute(k_secret_table);
  const std::string role = "plumb_reader_" + database.name();
  database.execute("CREATE ROLE " + role + "; GRANT pg_read_all_data, pg_read_all_stats TO " + role);
  const std::string rules = write_temporary("who.yml", "rules:\n  - id: who\n    check: sql\n"
                                                       "    query: \"SELECT current_user AS who, count(*) AS tokens FROM tokens\"\n");
  const auto result = run_plumb({"check", "--db", database.conninfo(), "--rules", rules, "--role", role});
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, role));
  const auto missing = run_plumb({"check", "--db", database.conninfo(), "--rules", rules, "--role", "no such role"});
  CHECK(missing.exit_code == 3);
  CHECK(contains(missing.out, "role \"no such role\" does not exist"));
  database.execute("DROP ROLE " + role);
}

TEST_CASE("plumb check warns once when connected as a superuser, and not as a least-privilege role", "[db][cli]") {
  TestDatabase database;
  REQUIRE(database.query_value("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == "t");
  const std::string rules = write_temporary("one.yml", "rules:\n  - id: one\n    check: sql\n    query: \"SELECT 1 WHERE false\"\n");
  const auto superuser = run_plumb({"check", "--jobs", "2", "--db", database.conninfo(), "--rules", rules});
  CHECK(superuser.exit_code == 0);
  const std::string warning = "connected as superuser ";
  CHECK(superuser.err.find(warning) != std::string::npos);
  CHECK(superuser.err.find(warning) == superuser.err.rfind(warning));
  CHECK(contains(superuser.err, "run plumb as a role granted only pg_read_all_data and pg_read_all_stats"));

  const std::string role = "plumb_login_" + database.name();
  database.execute("CREATE ROLE " + role + " LOGIN; GRANT pg_read_all_data, pg_read_all_stats TO " + role);
  const auto reader = run_plumb({"check", "--db", database.conninfo() + " user=" + role, "--rules", rules});
  INFO(reader.err);
  CHECK(reader.exit_code == 0);
  CHECK_FALSE(contains(reader.err, warning));
  database.execute("DROP ROLE " + role);
}

namespace {

// plumb check against a server that refuses connections, writing `format`
// to a file; returns the result and the file's text.
std::pair<plumb::testing::CommandResult, std::string> check_with_database_down(const std::string& format) {
  const plumb::testing::TempDirectory folder;
  const auto result = run_plumb({"check", "--db", "postgresql://u:s3cret@127.0.0.1:1/x", "--rules",
                                 PLUMB_SOURCE_DIR "/rules", "--format", format, "--output", folder.path() + "/report"});
  return {result, folder.read("report")};
}

}  // namespace

TEST_CASE("with the database down check still writes a SARIF file that records the failure, exit 3", "[cli]") {
  const auto [result, text] = check_with_database_down("sarif");
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("plumb: cannot connect to ") == 0);
  const auto validation =
      plumb::testing::validate_json(text, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
  const auto log = nlohmann::json::parse(text);
  const auto& invocation = log["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  const std::string message = invocation["toolExecutionNotifications"][0]["message"]["text"];
  CHECK(message.find("plumb check: cannot connect to ") == 0);
  CHECK(log["runs"][0]["results"].empty());
  CHECK(text.find("s3cret") == std::string::npos);
}

TEST_CASE("with the database down check still writes a JUnit file with the failure as an error, exit 3", "[cli]") {
  const auto [result, xml] = check_with_database_down("junit");
  CHECK(result.exit_code == 3);
  const auto validation = plumb::testing::validate_xml(xml, PLUMB_SOURCE_DIR "/tests/report/schemas/junit.xsd");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
  CHECK(xml.find("<testsuite name=\"plumb check\" tests=\"1\" failures=\"0\" errors=\"1\"") != std::string::npos);
  CHECK(xml.find("<error message=\"error: cannot connect to ") != std::string::npos);
  CHECK(xml.find("s3cret") == std::string::npos);
}
