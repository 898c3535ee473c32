#include "support/schema_rule.hpp"

#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "support/test_database.hpp"

namespace plumb::testing {

const char* const k_indexed_table =
    "CREATE TABLE t (id int PRIMARY KEY, a int, b int);"
    "CREATE INDEX t_a ON t (a);"
    "CREATE INDEX t_a_b ON t (a, b);"
    "CREATE INDEX t_b_again ON t (b);"
    "CREATE UNIQUE INDEX t_b ON t (b);"
    "CREATE INDEX idx_on_a_b_6d6ef495e6 ON t (b, a);";

Objects objects_found(const std::string& schema, const std::string& rule) {
  TestDatabase database;
  database.execute(schema);
  RuleSet rules;
  load_rules_text("rules.yml", "rules:\n  - id: r\n" + rule, rules);
  auto connection = database.connect();
  const CheckReport report = run_checks(*connection, rules, CheckOptions{});
  REQUIRE(report.results.size() == 1);
  INFO(report.results[0].error);
  REQUIRE(report.results[0].error.empty());
  Objects objects;
  for (const auto& finding : report.results[0].findings) objects.push_back(finding.object + ": " + finding.message);
  return objects;
}

}  // namespace plumb::testing
