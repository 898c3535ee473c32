#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const char* k_batches = R"sql(
  CREATE TABLE batches (id int, status text, started_at timestamp, api_token text);
  INSERT INTO batches VALUES
    (1, 'running', now() - interval '2 hours', 'secret-1'),
    (2, 'running', now() - interval '1 minute', 'secret-2'),
    (3, 'completed', now() - interval '3 hours', 'secret-3');
)sql";

std::string stuck_rule(const std::string& older_than) {
  return "id: stuck\ncheck: stale_rows\ntable: batches\nwhere: status = 'running'\ntimestamp: started_at\n"
         "older_than: " + older_than + "\nshow: [id, status]\n";
}

}  // namespace

TEST_CASE("a row in its state longer than the threshold is reported with the count and the age of the oldest", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(database, stuck_rule("30m"));
  REQUIRE(findings.size() == 1);
  // Two hours old at insert, plus the seconds the test took since.
  CHECK_THAT(findings[0].message,
             Catch::Matches("1 row\\(s\\) of batches where status = 'running' for more than 30m; the oldest for 02:00:0[0-9]"));
  CHECK(findings[0].object == "table batches");
  CHECK(findings[0].key == "batches");
  CHECK(findings[0].severity == Severity::error);
}

TEST_CASE("stale row samples hold only the columns the rule shows", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(database, stuck_rule("30s"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].samples.columns == std::vector<std::string>{"id", "status"});
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.rows == std::vector<Row>{{"1", "running"}, {"2", "running"}});
}

TEST_CASE("stale row samples stop at the sample limit", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(database, stuck_rule("30s"), 1);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.rfind("2 row(s)", 0) == 0);
  CHECK(findings[0].samples.rows.size() == 1);
}

TEST_CASE("no row stuck longer than the threshold passes", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  CHECK(run_rule(database, stuck_rule("3h")).empty());
}

TEST_CASE("a stale rows rule that is incomplete or ill-typed is refused at its key", "[rules]") {
  const std::string base = "id: stuck\ncheck: stale_rows\ntable: batches\nwhere: status = 'running'\ntimestamp: started_at\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {base, "rules.yml:1:1: rule 'stuck': missing key 'older_than'"},
      {base + "older_than: 30min\n",
       "rules.yml:6:13: rule 'stuck': invalid duration '30min': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s"},
      {base + "older_than: 30m\nshow: id\n", "rules.yml:7:7: rule 'stuck': 'show' must be a non-empty list"},
      {base + "older_than: 30m\nshow: [id, [x]]\n", "rules.yml:7:12: rule 'stuck': each item of 'show' must be a non-empty string"},
      {base + "older_than: 30m\nsweep: {update: {status: failed}}\n",
       "rules.yml:7:8: rule 'stuck': 'sweep' must be a map with 'set', e.g. {set: {status: failed}}"},
      {"id: stuck\ncheck: stale_rows\ntable: batches\ntimestamp: started_at\nolder_than: 30m\n",
       "rules.yml:1:1: rule 'stuck': missing key 'where'"},
  };
  for (const auto& [yaml, message] : cases) {
    INFO(yaml);
    CHECK_THROWS_MATCHES(validate_rule(yaml), InputError, Catch::Matchers::Message(message));
  }
}

TEST_CASE("a stale rows rule with a sweep action is accepted", "[rules]") {
  CHECK_NOTHROW(validate_rule(stuck_rule("30m") + "sweep: {set: {status: failed, completed_at: now()}}\n"));
}

TEST_CASE("rows in the state with no timestamp are counted in a finding of their own, not dropped", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  database.execute("INSERT INTO batches VALUES (4, 'running', NULL, 'secret-4'), (5, 'running', NULL, 'secret-5'),"
                   " (6, 'completed', NULL, 'secret-6')");
  const auto findings = run_rule(database, stuck_rule("30m"));
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].key == "batches");
  CHECK(findings[1].key == "batches.started_at IS NULL");
  CHECK(findings[1].severity == Severity::warning);
  CHECK(findings[1].message ==
        "2 row(s) of batches where status = 'running' have no started_at (NULL): plumb cannot tell how long they have "
        "been there, so it counts them apart");
  CHECK(findings[1].samples.rows.empty());
}

TEST_CASE("rows with no timestamp are said even when no row is stale", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE batches (id int, status text, started_at timestamp, api_token text);"
                   "INSERT INTO batches VALUES (1, 'running', NULL, 's')");
  const auto findings = run_rule(database, stuck_rule("30m"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.rfind("1 row(s) of batches where status = 'running' have no started_at (NULL)", 0) == 0);
}
