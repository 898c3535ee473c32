#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "support/test_database.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

RuleResult run_one(const TestDatabase& database, const std::string& rule) {
  RuleSet rules;
  load_rules_text("data.yml", "rules:\n" + rule, rules);
  auto connection = database.connect();
  const CheckReport report = run_checks(*connection, rules, CheckOptions{});
  REQUIRE(report.results.size() == 1);
  return report.results[0];
}

}  // namespace

TEST_CASE("a data rule naming a missing table or column says so in plain words, at the rule's line", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (id serial PRIMARY KEY, a int, status text, updated_at timestamp);");
  const auto column = run_one(database, "  - id: d\n    check: duplicates\n    table: t\n    columns: [a, zzz]\n");
  CHECK(column.status == RuleStatus::error);
  CHECK(column.error == "column zzz does not exist in table t");
  CHECK(column.location.line == 2);
  const auto table = run_one(database,
                             "  - id: s\n    check: stale_rows\n    table: nope\n    where: \"status = 'running'\"\n"
                             "    timestamp: updated_at\n    older_than: 30m\n");
  CHECK(table.error == "table nope does not exist");
  const auto parent = run_one(database, "  - id: o\n    check: orphans\n    table: t\n    column: a\n    references: other.id\n");
  CHECK(parent.error == "table other does not exist");
  CHECK(run_one(database, "  - id: ok\n    check: duplicates\n    table: public.t\n    columns: [a]\n").status == RuleStatus::passed);
}
