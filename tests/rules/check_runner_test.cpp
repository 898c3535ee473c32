#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "schema/catalog_reader.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

RuleSet rules_from(const std::string& text) {
  RuleSet rules;
  load_rules_text("rules.yml", text, rules);
  return rules;
}

const char* const k_rules =
    "models:\n"
    "  T:\n"
    "    table: t\n"
    "    unique:\n"
    "      - columns: [a]\n"
    "        where: \"a > 0\"\n"
    "rules:\n"
    "  - id: match\n"
    "    check: unique_indexes_match_model\n"
    "    timeout: 200ms\n"
    "    tags: [schema]\n"
    "  - id: names\n"
    "    check: index_names\n"
    "    tags: [naming]\n";

}  // namespace

TEST_CASE("a rule that waits past its timeout is timed out and the next rule still runs", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a) WHERE a > 0;");
  auto connection = database.connect();
  const RuleSet rules = rules_from(k_rules);
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  // Another session then takes the table the way a migration would.
  auto migration = database.connect();
  pqxx::work lock(*migration);
  lock.exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");

  const RuleResult slow = run_rule(*connection, rules.rules[0], rules.models, schema, CheckOptions{});
  CHECK(slow.status == RuleStatus::timed_out);
  CHECK(slow.error.find("canceling statement due to statement timeout") != std::string::npos);
  const RuleResult next = run_rule(*connection, rules.rules[1], rules.models, schema, CheckOptions{});
  CHECK(next.status == RuleStatus::passed);
}

TEST_CASE("a model whose condition names an unknown column is a finding on that model, and the other rules run", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (a int);");
  auto connection = database.connect();
  std::string rules = k_rules;
  rules.replace(rules.find("a > 0"), 5, "nope > 0");
  const CheckReport report = run_checks(*connection, rules_from(rules), CheckOptions{});
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].status == RuleStatus::failed);
  REQUIRE(report.results[0].findings.size() == 1);
  CHECK(report.results[0].findings[0].message ==
        "model T: its where (nope > 0) names column nope, which does not exist in public.t; its unique indexes are not "
        "judged until this is fixed");
  CHECK(report.results[1].status == RuleStatus::passed);
}

TEST_CASE("only selects rules by id or by tag in file order", "[rules]") {
  const RuleSet rules = rules_from(k_rules);
  CHECK(select_rules(rules, {}).size() == 2);
  CHECK(select_rules(rules, {"names"}).at(0).id == "names");
  CHECK(select_rules(rules, {"schema"}).at(0).id == "match");
  CHECK(select_rules(rules, {"naming", "match"}).size() == 2);
  CHECK_THROWS_WITH(select_rules(rules, {"nothing"}), "--only nothing: no rule has this id or tag");
}

namespace {

// Each rule takes a shared advisory lock for its session, then waits (at
// most 60s) until one more session holds it too: a rule passes only when a
// rule on another connection ran while it waited. Having seen its peer, a
// rule stays a second longer: its worker may close its connection (and so
// drop the session lock) right after, and the peer polls every 10 ms.
const char* const k_meet_peer_function = R"sql(
  CREATE FUNCTION meet_peer() RETURNS boolean LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_lock_shared(4711);
    FOR attempt IN 1 .. 6000 LOOP
      IF (SELECT count(DISTINCT pid) FROM pg_locks JOIN pg_database d ON d.oid = pg_locks.database
          WHERE locktype = 'advisory' AND objid = 4711 AND granted AND d.datname = current_database()) >= 2 THEN
        PERFORM pg_sleep(1);
        RETURN true;
      END IF;
      PERFORM pg_sleep(0.01);
    END LOOP;
    RETURN false;
  END $$;
)sql";

const char* const k_meeting_rules =
    "rules:\n"
    "  - id: first\n"
    "    check: sql\n"
    "    query: \"SELECT 'alone' AS peer WHERE NOT meet_peer()\"\n"
    "  - id: second\n"
    "    check: sql\n"
    "    query: \"SELECT 'alone' AS peer WHERE NOT meet_peer()\"\n";

class RecordingProgress : public CheckProgress {
 public:
  void rule_finished(size_t finished, size_t total, const RuleResult& result) override {
    calls.push_back(std::to_string(finished) + "/" + std::to_string(total) + " " + result.rule_id);
  }
  std::vector<std::string> calls;
};

}  // namespace

TEST_CASE("with two jobs two rules run at the same time on separate connections", "[db][rules]") {
  TestDatabase database;
  database.execute(k_meet_peer_function);
  CheckOptions options;
  options.jobs = 2;
  options.allowed_volatile = {"meet_peer"};  // plpgsql functions are volatile unless declared otherwise
  RecordingProgress progress;
  const CheckReport report = run_checks(database.settings(), rules_from(k_meeting_rules), options, &progress);
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].rule_id == "first");
  CHECK(report.results[0].status == RuleStatus::passed);
  CHECK(report.results[1].rule_id == "second");
  CHECK(report.results[1].status == RuleStatus::passed);
  REQUIRE(progress.calls.size() == 2);
  CHECK(progress.calls[0].rfind("1/2 ", 0) == 0);
  CHECK(progress.calls[1].rfind("2/2 ", 0) == 0);
}

TEST_CASE("with one job a rule never meets another", "[db][rules]") {
  TestDatabase database;
  database.execute(k_meet_peer_function);
  // Waiting for a peer that never comes, each rule is stopped by its timeout.
  CheckOptions options;
  options.statement_timeout = std::chrono::seconds(1);
  options.allowed_volatile = {"meet_peer"};
  const CheckReport report = run_checks(database.settings(), rules_from(k_meeting_rules), options);
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].status == RuleStatus::timed_out);
  CHECK(report.results[1].status == RuleStatus::timed_out);
}

TEST_CASE("a rule's transaction ends in ROLLBACK, so a large object a function creates in it is gone", "[db][rules]") {
  TestDatabase database;
  auto connection = database.connect();
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  // run_rule alone, without the volatile-function guard of run_checks: the
  // rollback is the last line of defence.
  const RuleSet rules = rules_from("rules:\n  - id: lo\n    check: sql\n    query: \"SELECT lo_from_bytea(0, 'x') AS lo\"\n");
  const RuleResult result = run_rule(*connection, rules.rules[0], rules.models, schema, CheckOptions{});
  CHECK(result.status == RuleStatus::failed);
  CHECK(database.query_value("SELECT count(*) FROM pg_largeobject_metadata") == "0");
}

TEST_CASE("a role given in the options is the current user inside each rule's transaction, and only there",
          "[db][rules]") {
  TestDatabase database;
  const std::string role = "plumb reader " + database.name();
  database.execute("CREATE ROLE \"" + role + "\"; GRANT pg_read_all_data TO \"" + role + "\"");
  auto connection = database.connect();
  CheckOptions options;
  options.role = role;
  const CheckReport report = run_checks(
      *connection, rules_from("rules:\n  - id: who\n    check: sql\n    query: \"SELECT current_user AS who\"\n"), options);
  REQUIRE(report.results.size() == 1);
  REQUIRE(report.results[0].findings.size() == 1);
  CHECK(report.results[0].findings[0].samples.rows.at(0).at(0) == std::optional<std::string>(role));
  pqxx::nontransaction after(*connection);
  CHECK(after.exec1("SELECT current_user <> " + after.quote(role))[0].as<bool>());
  database.execute("DROP ROLE \"" + role + "\"");
}

TEST_CASE("samples: false and a sample limit of 0 keep rows out of the findings but keep the counts", "[db][rules]") {
  TestDatabase database;
  auto connection = database.connect();
  const std::string rule = "rules:\n  - id: rows\n    check: sql\n    query: \"SELECT 'secret' AS token FROM generate_series(1, 3)\"\n";
  const auto finding_of = [&](const std::string& rules, int sample_limit) {
    CheckOptions options;
    options.sample_limit = sample_limit;
    return run_checks(*connection, rules_from(rules), options).results.at(0).findings.at(0);
  };
  CHECK(finding_of(rule, 10).samples.rows.size() == 3);
  const Finding unsampled = finding_of(rule + "    samples: false\n", 10);
  CHECK(unsampled.samples.rows.empty());
  CHECK(unsampled.message == "3 row(s) break the rule");
  CHECK(finding_of(rule, 0).samples.rows.empty());
}
