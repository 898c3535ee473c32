#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "support/test_database.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

// The objects a single rule (`rule`, YAML) finds on a database holding `schema`.
std::vector<std::string> objects_found(const std::string& schema, const std::string& rule) {
  TestDatabase database;
  database.execute(schema);
  RuleSet rules;
  load_rules_text("rules.yml", "rules:\n  - id: r\n" + rule, rules);
  auto connection = database.connect();
  const CheckReport report = run_checks(*connection, rules, CheckOptions{});
  REQUIRE(report.results.size() == 1);
  INFO(report.results[0].error);
  REQUIRE(report.results[0].error.empty());
  std::vector<std::string> objects;
  for (const auto& finding : report.results[0].findings) objects.push_back(finding.object + ": " + finding.message);
  return objects;
}

using Objects = std::vector<std::string>;

const char* const k_schema =
    "CREATE TABLE t (id int PRIMARY KEY, a int, b int);"
    "CREATE INDEX t_a ON t (a);"
    "CREATE INDEX t_a_b ON t (a, b);"
    "CREATE INDEX t_b_again ON t (b);"
    "CREATE UNIQUE INDEX t_b ON t (b);"
    "CREATE INDEX idx_on_a_b_6d6ef495e6 ON t (b, a);";

}  // namespace

TEST_CASE("index_exists finds an index by name or by table and columns", "[db][rules]") {
  CHECK(objects_found(k_schema, "    check: index_exists\n    name: t_a\n").empty());
  CHECK(objects_found(k_schema, "    check: index_exists\n    table: t\n    columns: [a, b]\n").empty());
  CHECK(objects_found(k_schema, "    check: index_exists\n    table: t\n    columns: [b, id]\n") ==
        Objects{"an index on t (b, id): an index on t (b, id) does not exist"});
  CHECK(objects_found(k_schema, "    check: index_exists\n    name: t_c\n") ==
        Objects{"index t_c: index t_c does not exist"});
}

TEST_CASE("index_absent reports an index that is still there", "[db][rules]") {
  CHECK(objects_found(k_schema, "    check: index_absent\n    name: t_c\n").empty());
  CHECK(objects_found(k_schema, "    check: index_absent\n    table: t\n    columns: [a]\n") ==
        Objects{"index public.t.t_a: index t_a (a) exists and must not"});
}

TEST_CASE("no_invalid_indexes reports INVALID indexes only", "[db][rules]") {
  CHECK(objects_found(k_schema, "    check: no_invalid_indexes\n").empty());
  CHECK(objects_found(std::string(k_schema) + "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_b'::regclass;",
                      "    check: no_invalid_indexes\n") ==
        Objects{"index public.t.t_b: unique index t_b is INVALID"});
}

TEST_CASE("redundant_indexes reports duplicates and plain leading prefixes but keeps unique ones", "[db][rules]") {
  CHECK(objects_found(k_schema, "    check: redundant_indexes\n") ==
        Objects{"index public.t.t_a: index t_a (a) is redundant: its keys are a leading prefix of t_a_b (a, b)",
                "index public.t.t_b_again: index t_b_again (b) is redundant: it has the same keys and predicate as t_b (b)"});
  CHECK(objects_found("CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a) WHERE b > 0; CREATE INDEX t_a_b ON t (a, b);",
                      "    check: redundant_indexes\n")
            .empty());
}

TEST_CASE("index_names flags generated hash suffixes and names off the pattern", "[db][rules]") {
  CHECK(objects_found(k_schema, "    check: index_names\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found(k_schema, "    check: index_names\n    pattern: \"^t_[a-z_]+$|_pkey$\"\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found("CREATE TABLE t (a int); CREATE INDEX a_idx ON t (a); CREATE INDEX t_processing ON t (a);",
                      "    check: index_names\n    pattern: \"t_[a-z_]+\"\n") ==
        Objects{"index public.t.a_idx: index name a_idx does not match the pattern t_[a-z_]+"});
}
