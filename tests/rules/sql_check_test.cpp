#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const char* k_batches = R"sql(
  CREATE TABLE batches (id int PRIMARY KEY, success_count int);
  CREATE TABLE entries (batch_id int, status text);
  INSERT INTO batches VALUES (1, 2), (2, 5), (3, 0);
  INSERT INTO entries VALUES (1, 'success'), (1, 'success'), (2, 'success'), (2, 'failed');
)sql";

const char* k_rule = R"yaml(id: counters
check: sql
description: success_count equals the successful entries
query: |
  SELECT b.id, b.success_count, count(e.*) FILTER (WHERE e.status = 'success') AS successes
  FROM batches b LEFT JOIN entries e ON e.batch_id = b.id
  GROUP BY b.id HAVING b.success_count <> count(e.*) FILTER (WHERE e.status = 'success')
  ORDER BY b.id
)yaml";

}  // namespace

TEST_CASE("the rows a sql rule returns are its violations with the query's columns", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(database, k_rule);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "1 row(s) break the rule: success_count equals the successful entries");
  CHECK(findings[0].key == "counters");
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns == std::vector<std::string>{"id", "success_count", "successes"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"2", "5", "1"}});
}

TEST_CASE("a sql rule returning no rows passes", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  database.execute("UPDATE batches SET success_count = 1 WHERE id = 2");
  CHECK(run_rule(database, k_rule).empty());
}

TEST_CASE("a sql rule that is not one SELECT is refused before it runs and the data is unchanged", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  CHECK_THROWS_WITH(run_rule(database, "id: w\ncheck: sql\nquery: DELETE FROM batches RETURNING id\n"),
                    "rules.yml:3:8: rule 'w': 'query' must be one SELECT: it is DELETE, not a SELECT");
  CHECK_THROWS_WITH(run_rule(database, "id: w\ncheck: sql\nquery: SELECT 1); DELETE FROM batches; SELECT (1\n"),
                    "rules.yml:3:8: rule 'w': 'query' must be one SELECT: syntax error at or near \")\" (at character 9)");
  CHECK(database.query_value("SELECT count(*) FROM batches") == "3");
}

TEST_CASE("a sql rule whose SELECT writes through a function is refused by the server", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  database.execute("CREATE FUNCTION purge() RETURNS int LANGUAGE sql AS 'DELETE FROM batches RETURNING 1'");
  CHECK_THROWS_WITH(run_rule(database, "id: w\ncheck: sql\nquery: SELECT purge()\n"),
                    "the query tries to write, and rules run in a READ ONLY transaction: "
                    "the server refused it (25006)");
  CHECK(database.query_value("SELECT count(*) FROM batches") == "3");
}

TEST_CASE("a sql rule stopped by its statement timeout raises the server's cancel for the runner to report", "[db][rules]") {
  TestDatabase database;
  try {
    run_rule(database, "id: slow\ncheck: sql\nquery: SELECT 1 FROM generate_series(1, 10000000000) AS i WHERE i < 0\n", 10,
             "1s");
    FAIL("the rule was not stopped");
  } catch (const pqxx::sql_error& error) {
    CHECK(error.sqlstate() == "57014");
  }
}

TEST_CASE("a sql rule without a query is refused", "[rules]") {
  CHECK_THROWS_MATCHES(validate_rule("id: q\ncheck: sql\nquery: ''\n"), InputError,
                       Catch::Matchers::Message("rules.yml:3:8: rule 'q': 'query' must be a non-empty string"));
}
