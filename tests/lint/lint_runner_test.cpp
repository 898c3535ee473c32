#include <catch2/catch.hpp>

#include "lint/lint_support.hpp"
#include "lint/migration_folder.hpp"
#include "rules/rule_loader.hpp"

using plumb::testing::all_findings;
using plumb::testing::lint_texts;
using plumb::testing::unsuppressed;

namespace {

const std::string k_source = PLUMB_SOURCE_DIR;
const std::string k_table = "CREATE TABLE accounts (id bigint, token uuid);\n";

plumb::CheckReport lint_repository(const std::vector<std::string>& migration_names) {
  std::vector<plumb::LintMigration> migrations;
  for (const auto& migration : plumb::read_migration_folder(k_source + "/migrations").migrations)
    for (const auto& name : migration_names)
      if (migration.path.find(name) != std::string::npos) migrations.push_back(migration);
  const auto rules = plumb::load_rules({k_source + "/rules/reference.yml"});
  return plumb::lint_migrations(migrations, rules.models, plumb::SchemaReplay());
}

}  // namespace

TEST_CASE("a suppressed finding stays in the report as info with its reason", "[lint]") {
  plumb::LintSettings settings;
  settings.exclude("require-timeout-settings");  // Flyway's V2 sets no lock_timeout: not what this test is about
  const auto report = lint_texts({{"V1__a.sql", k_table},
                                  {"V2__b.sql",
                                   "-- plumb:lint-ignore volatile-default the table holds 12 rows\n"
                                   "-- (reviewed in #42)\n"
                                   "ALTER TABLE accounts ADD COLUMN t2 uuid DEFAULT gen_random_uuid();\n"}},
                                 "", settings);
  CHECK(unsuppressed(report, "volatile-default").empty());
  const auto findings = all_findings(report, "volatile-default");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == plumb::Severity::info);
  CHECK(findings[0].message ==
        "suppressed at V2__b.sql:1:22 (the table holds 12 rows): column t2 added with a volatile default");
  CHECK_FALSE(report.has_failing_findings(plumb::Severity::warning));
}

TEST_CASE("a suppression covers only the rule it names and the statement below it", "[lint]") {
  const auto report = lint_texts({{"V1__a.sql", k_table},
                                  {"V2__b.sql",
                                   "-- plumb:lint-ignore column-type-rewrite reviewed\n"
                                   "ALTER TABLE accounts ADD COLUMN t2 uuid DEFAULT gen_random_uuid();\n"
                                   "ALTER TABLE accounts ADD COLUMN t3 uuid DEFAULT gen_random_uuid();\n"}});
  CHECK(unsuppressed(report, "volatile-default").size() == 2);
}

TEST_CASE("the repository's own migrations lint with no error against its models", "[lint]") {
  const auto report = lint_repository({"001_", "002_"});
  CHECK_FALSE(report.has_failing_findings(plumb::Severity::error));
  for (const auto& result : report.results) {
    INFO(result.rule_id);
    if (result.rule_id != "model-rule-unenforced") CHECK(result.findings.empty());
  }
  // The one race the reference schema really has: WorkshopInvitation's rule is validated by Rails alone.
  const auto races = unsuppressed(report, "model-rule-unenforced");
  REQUIRE(races.size() == 1);
  CHECK(races[0].object == "table public.workshop_invitations");
}

TEST_CASE("migration 1 alone recreates the incident and is an error naming the model rule", "[lint]") {
  const auto report = lint_repository({"001_"});
  const auto findings = unsuppressed(report, "unique-stricter-than-model");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].object == "index idx_on_invitation_type_invitation_id_6d6ef495e6 on public.invitation_log_entries");
  CHECK(findings[0].message.find("stricter than InvitationLogEntry's uniqueness rule "
                                 "(invitation_log_id, member_id, invitation_type, invitation_id) at ") != std::string::npos);
  CHECK(findings[0].location->to_string() == k_source + "/migrations/001_reference_schema.sql:132:1");
  CHECK(report.has_failing_findings(plumb::Severity::error));
}
