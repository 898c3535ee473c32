#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "sweep/sweep_runner.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

RuleSet rules_of(const std::string& yaml) {
  RuleSet rules;
  load_rules_text("sweep.yml", yaml, rules);
  return rules;
}

// The rules of `rules` that `only` selects and that can be swept, as `plumb sweep` chooses them.
std::vector<Rule> sweepable_rules(const RuleSet& rules, const std::vector<std::string>& only) {
  return plumb::sweepable_rules(select_rules(rules, only), only, rules.files);
}

const char* k_two_rules = R"yaml(
rules:
  - id: stuck
    check: stale_rows
    tags: [batches]
    table: batches
    where: status = 'running'
    timestamp: updated_at
    older_than: 30m
    sweep: {set: {status: failed}}
  - id: gone
    check: stale_rows
    tags: [batches]
    table: missing_table
    where: status = 'running'
    timestamp: updated_at
    older_than: 30m
    sweep: {set: {status: failed}}
  - id: unswept
    check: stale_rows
    tags: [batches]
    table: batches
    where: status = 'queued'
    timestamp: updated_at
    older_than: 30m
)yaml";

}  // namespace

TEST_CASE("only rules with a sweep action are swept and a tag selects among them", "[sweep]") {
  const auto rules = rules_of(k_two_rules);
  CHECK(sweepable_rules(rules, {}).size() == 2);
  CHECK(sweepable_rules(rules, {"batches"}).size() == 2);
  CHECK(sweepable_rules(rules, {"stuck"}).size() == 1);
  CHECK_THROWS_AS(sweepable_rules(rules, {"unswept"}), InputError);
}

TEST_CASE("a rules file without any sweep action cannot be swept", "[sweep]") {
  CHECK_THROWS_WITH(sweepable_rules(rules_of("rules:\n  - id: d\n    check: duplicates\n    table: t\n    columns: [a]\n"), {}),
                    "no rule with a sweep action in sweep.yml");
}

TEST_CASE("a rule whose sweep fails is reported as an error and the others still run", "[db][sweep]") {
  TestDatabase database;
  database.execute("CREATE TABLE batches (id int PRIMARY KEY, status text, updated_at timestamp);"
                   "INSERT INTO batches VALUES (1, 'running', now() - interval '1 hour')");
  auto connection = database.connect();
  SweepOptions options;
  options.apply = true;
  const auto report = run_sweeps(*connection, sweepable_rules(rules_of(k_two_rules), {}), options);
  REQUIRE(report.results.size() == 2);
  CHECK(report.command == "sweep");
  CHECK(report.results[0].status == RuleStatus::failed);
  CHECK(report.results[0].findings.at(0).severity == Severity::info);
  CHECK(report.results[1].status == RuleStatus::error);
  CHECK(report.results[1].error ==
        "rule 'gone': table missing_table has no primary key (or does not exist), so its rows cannot be swept one by one");
  CHECK(database.query_value("SELECT status FROM batches") == "failed");
}
