#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const char* k_batches = R"sql(
  CREATE TABLE batches (id int, status text);
  INSERT INTO batches VALUES (1, 'running'), (2, 'completed'), (3, 'done'), (4, 'done'), (5, 'x''); DROP TABLE batches; --'), (6, NULL);
)sql";

const char* k_rule = "id: statuses\ncheck: accepted_values\ntable: batches\ncolumn: status\nvalues: [running, completed, failed]\n";

}  // namespace

TEST_CASE("values outside the accepted set are reported with their row counts", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(database, k_rule);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "3 row(s) of batches have a status outside (running, completed, failed)");
  CHECK(findings[0].key == "batches.status");
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns == std::vector<std::string>{"status", "rows"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"done", "2"}, {"x'); DROP TABLE batches; --", "1"}});
}

TEST_CASE("accepted values are passed as parameters so quotes in them are plain text", "[db][rules]") {
  TestDatabase database;
  database.execute(k_batches);
  const auto findings = run_rule(
      database, "id: s\ncheck: accepted_values\ntable: batches\ncolumn: status\n"
                "values: [running, completed, done, \"x'); DROP TABLE batches; --\"]\n");
  CHECK(findings.empty());
  CHECK(database.query_value("SELECT count(*) FROM batches") == "6");
}

TEST_CASE("an accepted values rule without values is refused at its key", "[rules]") {
  CHECK_THROWS_MATCHES(validate_rule("id: s\ncheck: accepted_values\ntable: t\ncolumn: c\nvalues: x\n"), InputError,
                       Catch::Matchers::Message("rules.yml:5:9: rule 's': 'values' must be a non-empty list"));
}
