#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const char* k_people = R"sql(
  CREATE SCHEMA app;
  CREATE TABLE app."People list" (id int, email text, name text, password text);
  INSERT INTO app."People list" VALUES (1, 'a@x', 'A', 'p1'), (2, NULL, 'B', 'p2'), (3, NULL, NULL, 'p3');
)sql";

}  // namespace

TEST_CASE("each column holding NULL is its own finding with its count and the shown columns", "[db][rules]") {
  TestDatabase database;
  database.execute(k_people);
  const auto findings =
      run_rule(database, "id: filled\ncheck: not_null\ntable: app.People list\ncolumns: [email, name, id]\nshow: [id]\n");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "2 row(s) of app.People list have NULL in email");
  CHECK(findings[0].key == "app.People list.email");
  CHECK(findings[1].message == "1 row(s) of app.People list have NULL in name");
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns == std::vector<std::string>{"id"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"2"}, {"3"}});
  CHECK(findings[1].samples.rows == std::vector<Row>{{"3"}});
}

TEST_CASE("columns without NULL pass the not null rule", "[db][rules]") {
  TestDatabase database;
  database.execute(k_people);
  CHECK(run_rule(database, "id: filled\ncheck: not_null\ntable: app.People list\ncolumns: [id, password]\n").empty());
}

TEST_CASE("a not null rule naming a missing column fails at the server", "[db][rules]") {
  TestDatabase database;
  database.execute(k_people);
  CHECK_THROWS_AS(run_rule(database, "id: filled\ncheck: not_null\ntable: app.People list\ncolumns: [\"id\\\" IS NULL OR \\\"x\"]\n"),
                  pqxx::undefined_column);
}

TEST_CASE("a not null rule without a table is refused", "[rules]") {
  CHECK_THROWS_MATCHES(validate_rule("id: filled\ncheck: not_null\ncolumns: [a]\n"), InputError,
                       Catch::Matchers::Message("rules.yml:1:1: rule 'filled': missing key 'table'"));
}
