#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;

namespace {

const std::string k_source = PLUMB_SOURCE_DIR;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("plumb lint of the repository's own migrations exits 0 with no error", "[cli][lint]") {
  const auto result = run_plumb({"lint", "--migrations", "migrations", "--rules", "rules/reference.yml"}, {}, k_source);
  CHECK(result.exit_code == 0);
  CHECK_FALSE(contains(result.out, "error ["));
  CHECK(contains(result.out, "warning [model-rule-unenforced] table public.workshop_invitations"));
}

TEST_CASE("plumb lint --format sarif points at the line of the incident's index", "[cli][lint]") {
  TempDirectory folder;
  folder.copy_from_source("migrations/001_reference_schema.sql");
  const auto result =
      run_plumb({"lint", "--migrations", folder.path(), "--rules", "rules/reference.yml", "--format", "sarif"}, {}, k_source);
  CHECK(result.exit_code == 1);
  const auto log = nlohmann::json::parse(result.out);
  std::vector<nlohmann::json> incident;
  for (const auto& found : log["runs"][0]["results"])
    if (found["ruleId"] == "unique-stricter-than-model") incident.push_back(found);
  REQUIRE(incident.size() == 1);
  const auto& place = incident[0]["locations"][0]["physicalLocation"];
  CHECK(place["artifactLocation"]["uri"].get<std::string>().find("001_reference_schema.sql") != std::string::npos);
  CHECK(place["region"]["startLine"] == 132);
  CHECK(place["region"]["startColumn"] == 1);
  CHECK(contains(incident[0]["message"]["text"].get<std::string>(), "InvitationLogEntry's uniqueness rule"));
}

TEST_CASE("plumb lint reports a file that does not parse as one finding, lints the ten others and exits 2", "[cli][lint]") {
  TempDirectory folder;
  folder.write("V1__create.sql", "CREATE TABLE accounts (id bigint, email text);\n");
  for (int n = 2; n <= 11; ++n)
    folder.write("V" + std::to_string(n < 7 ? n : n + 1) + "__index_" + std::to_string(n) + ".sql",
                 "CREATE INDEX accounts_email_" + std::to_string(n) + " ON accounts (email);\n");
  const std::string bad = folder.write("V7__bad.sql", "SELECT 1;\nCOPY accounts FROM stdin;\n1\tann@example.com\n\\.\n");
  const auto result = run_plumb({"lint", "--migrations", folder.path()});
  CHECK(result.exit_code == 2);
  size_t indexes = 0;
  for (size_t at = result.out.find("error [index-without-concurrently]"); at != std::string::npos;
       at = result.out.find("error [index-without-concurrently]", at + 1))
    ++indexes;
  CHECK(indexes == 10);
  CHECK(contains(result.out, "error [unlintable-file] migration " + bad + "\n  what: syntax error at or near \"1\"\n"));
  CHECK(contains(result.out, "  rule: " + bad + ":3:1\n"));
  CHECK(contains(result.out, "layout: flyway; 11 file(s) linted, 1 could not be (unlintable-file)\n"));
  CHECK(contains(result.err, "plumb: " + bad + ":3:1: syntax error at or near \"1\"\n"));
}

TEST_CASE("plumb lint lints every up.sql of a Diesel folder and every migration.sql of a Prisma folder", "[cli][lint]") {
  struct Case {
    std::string layout, first, second;
  };
  const Case cases[] = {
      {"diesel", "2020-01-01-000000_create_users/up.sql", "2020-01-02-000000_index_users/up.sql"},
      {"prisma", "20200101000000_init/migration.sql", "20200102000000_index_users/migration.sql"},
  };
  for (const auto& c : cases) {
    INFO(c.layout);
    TempDirectory folder;
    folder.write(c.first, "CREATE TABLE users (id bigint, email text);\n");
    const std::string second = folder.write(c.second, "CREATE INDEX users_email ON users (email);\n");
    const auto result = run_plumb({"lint", "--migrations", folder.path()});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.out, "layout: " + c.layout + "; 2 file(s) linted\n"));
    CHECK(contains(result.out, "error [index-without-concurrently] index users_email on public.users"));
    CHECK(contains(result.out, "  rule: " + second + ":1:1\n"));
  }
}

TEST_CASE("plumb lint of an empty folder exits 2 listing the layouts it looked for", "[cli][lint]") {
  TempDirectory folder;
  const auto result = run_plumb({"lint", "--migrations", folder.path()});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(contains(result.err, "plumb: " + folder.path() + ": no migration file to lint; plumb looked for plumb NNN_name.sql"));
  CHECK(contains(result.err, "Diesel DIR/up.sql, Prisma DIR/migration.sql, pop 20150100000001000000_name.postgres.up.sql"));
}

// 20150100000010000000 is past what a 64-bit integer holds, and sorts before
// 9000000000000000000 as text: only a numeric order runs the drop last, so
// that the hash-suffixed index is gone at the end and not judged.
TEST_CASE("plumb lint of a pop folder lints 20-digit versions in numeric order", "[cli][lint]") {
  TempDirectory folder;
  folder.write("9000000000000000000_networks.postgres.up.sql",
               "CREATE TABLE networks (id uuid, name text);\nCREATE INDEX idx_on_name_6d6ef495e6 ON networks (name);\n");
  folder.write("9000000000000000000_networks.mysql.up.sql", "CREATE TABLE networks (id char(36));\n");
  const std::string drop = folder.write("20150100000010000000_drop_index.postgres.up.sql", "DROP INDEX idx_on_name_6d6ef495e6;\n");
  const auto result = run_plumb({"lint", "--migrations", folder.path()});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, "layout: pop; 2 file(s) linted\n"));
  CHECK(contains(result.out, "error [index-without-concurrently] index idx_on_name_6d6ef495e6 on public.networks\n"));
  CHECK(contains(result.out, "  rule: " + drop + ":1:1\n"));
  CHECK_FALSE(contains(result.out, "index-name-hash-suffix"));
}

TEST_CASE("plumb lint --exclude-rule and --severity change the rule set the JSON and SARIF reports name", "[cli][lint]") {
  TempDirectory folder;
  folder.write("V1__create.sql", "CREATE TABLE accounts (id int, email text);\n");
  folder.write("V2__index.sql", "CREATE INDEX accounts_email ON accounts (email);\n");
  const std::vector<std::string> flags = {"lint", "--migrations", folder.path(), "--exclude-rule", "index-without-concurrently",
                                          "--severity", "prefer-bigint=warning"};
  auto json_flags = flags;
  json_flags.insert(json_flags.end(), {"--format", "json"});
  const auto result = run_plumb(json_flags);
  CHECK(result.exit_code == 0);
  const auto report = nlohmann::json::parse(result.out);
  CHECK(report["rule_set"] == "plumb lint defaults with index-without-concurrently=off, prefer-bigint=warning");
  CHECK(report["subject"] == "layout: flyway; 2 file(s) linted");
  std::vector<std::string> ids;
  for (const auto& rule : report["results"]) ids.push_back(rule["id"]);
  CHECK(std::find(ids.begin(), ids.end(), "index-without-concurrently") == ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "prefer-bigint") != ids.end());
  auto sarif_flags = flags;
  sarif_flags.insert(sarif_flags.end(), {"--format", "sarif"});
  const auto sarif = nlohmann::json::parse(run_plumb(sarif_flags).out);
  CHECK(sarif["runs"][0]["properties"]["ruleSet"] == "plumb lint defaults with index-without-concurrently=off, prefer-bigint=warning");
}

TEST_CASE("plumb lint refuses an unknown rule id or level with exit 2 before reading the folder", "[cli][lint]") {
  const auto unknown = run_plumb({"lint", "--migrations", "/nonexistent", "--exclude-rule", "no-such-rule"});
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "plumb: unknown lint rule 'no-such-rule' (known: unlintable-file, index-without-concurrently,"));
  const auto level = run_plumb({"lint", "--migrations", "/nonexistent", "--severity", "prefer-bigint=loud"});
  CHECK(level.exit_code == 2);
  CHECK(contains(level.err, "plumb: --severity 'prefer-bigint=loud': the level must be error, warning, info or off\n"));
}

TEST_CASE("plumb lint --pending-only lints only what the database has not applied", "[db][cli][lint]") {
  plumb::testing::TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb({"lint", "--db", database.conninfo(), "--pending-only", "--migrations", "migrations", "--rules",
                                 "rules/reference.yml"},
                                {}, k_source);
  CHECK(result.exit_code == 0);
  CHECK_FALSE(contains(result.out, "001_reference_schema.sql"));
  // Judged from the live catalog and migration 2: the real race stays, and
  // the partial index on invitation_logs, read back as PostgreSQL prints it,
  // still enforces its model's rule.
  CHECK(contains(result.out, "warning [model-rule-unenforced] table public.workshop_invitations"));
  CHECK_FALSE(contains(result.out, "table public.invitation_logs"));
  CHECK(contains(result.out, "30 rules: 0 errors, 1 warnings, 0 info"));
}
