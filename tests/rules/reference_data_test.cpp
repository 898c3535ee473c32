// rules/reference-data.yml against the reference schema with the incident's
// data (fixtures/incident.sql; numbers from ../shared/reference-schema.md).
// Member 12031 is the first student batch 22 invited: entry 9001 for
// invitation 251001.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "support/data_rule.hpp"
#include "support/reference_schema.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

// Each rule of the file, as the YAML text of its entry.
std::map<std::string, std::string> reference_rules() {
  std::map<std::string, std::string> rules;
  for (const auto& rule : YAML::LoadFile(PLUMB_SOURCE_DIR "/rules/reference-data.yml")["rules"]) {
    YAML::Emitter yaml;
    yaml << rule;
    rules[rule["id"].as<std::string>()] = yaml.c_str();
  }
  return rules;
}

std::vector<std::string> failing_rules(const TestDatabase& database) {
  std::vector<std::string> failing;
  for (const auto& [id, yaml] : reference_rules())
    if (!run_rule(database, yaml).empty()) failing.push_back(id);
  return failing;
}

}  // namespace

TEST_CASE("the reference data rules report batch 28 as stuck with its age and counters", "[db][rules]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  // The age moves with the clock: it is read just before and just after.
  const std::string age_sql = "SELECT date_trunc('second', now() - timestamp '2026-04-10 08:44:16.412907')::text";
  const std::string age_before = database.query_value(age_sql);
  const auto findings = run_rule(database, reference_rules().at("no-stuck-batches"));
  const std::string age_after = database.query_value(age_sql);
  REQUIRE(findings.size() == 1);
  const std::string prefix = "1 row(s) of invitation_logs where status = 'running' for more than 30m; the oldest for ";
  CHECK((findings[0].message == prefix + age_before || findings[0].message == prefix + age_after));
  CHECK(age_before.find(" days ") != std::string::npos);
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns ==
        std::vector<std::string>{"id", "loggable_type", "loggable_id", "audience", "started_at", "success_count"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"28", "Workshop", "3668", "students", "2026-04-10 08:44:14", "5"}});
}

TEST_CASE("on the incident data only the stuck batch rule fails", "[db][rules]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  CHECK(failing_rules(database) == std::vector<std::string>{"no-stuck-batches"});
}

TEST_CASE("each reference data rule catches the breakage it is written for", "[db][rules]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // The incident's global unique index would refuse the duplicate itself.
      {"UPDATE invitation_logs SET status = 'completed', completed_at = now() WHERE id = 28;"
       "DROP INDEX idx_on_invitation_type_invitation_id_6d6ef495e6;"
       "INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, created_at, updated_at)"
       " VALUES (22, 12031, 'WorkshopInvitation', 251001, now(), now())",
       "completed-batch-counts-match-entries,one-entry-per-member-invitation-and-batch"},
      {"UPDATE invitation_logs SET status = 'completed' WHERE id = 28; UPDATE invitation_logs SET success_count = 2 WHERE id = 22",
       "completed-batch-counts-match-entries"},
      {"UPDATE invitation_logs SET status = 'completed' WHERE id = 28; DELETE FROM members WHERE id = 12031",
       "entry-members-exist"},
      {"UPDATE invitation_logs SET status = 'completed' WHERE id = 28;"
       "ALTER TABLE invitation_log_entries DROP CONSTRAINT fk_rails_invitation_log_entries_invitation_log_id;"
       "UPDATE invitation_log_entries SET invitation_log_id = 99 WHERE invitation_log_id = 22",
       "completed-batch-counts-match-entries,entry-batches-exist"},
      {"UPDATE invitation_logs SET status = 'done' WHERE id = 28", "batch-statuses"},
      {"UPDATE invitation_logs SET status = 'completed' WHERE id = 28; UPDATE invitation_log_entries SET status = 'sent' WHERE invitation_log_id = 22",
       "completed-batch-counts-match-entries,entry-statuses"},
  };
  for (const auto& [breakage, expected] : cases) {
    INFO(breakage);
    TestDatabase database;
    apply_reference_schema_at_incident(database);
    load_incident(database);
    database.execute(breakage);
    std::string failing;
    for (const auto& id : failing_rules(database)) failing += (failing.empty() ? "" : ",") + id;
    CHECK(failing == expected);
  }
}
