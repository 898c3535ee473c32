#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

// Member 7 is in batch 1 three times and member 8 twice: two duplicate
// groups, three excess rows, five rows in duplicate groups.
const char* k_entries = R"sql(
  CREATE TABLE entries (id serial, batch_id int, member_id int, status text);
  INSERT INTO entries (batch_id, member_id, status) VALUES
    (1, 7, 'success'), (1, 7, 'success'), (1, 7, 'failed'),
    (1, 8, 'success'), (1, 8, 'success'),
    (2, 7, 'success'), (1, NULL, 'success'), (1, NULL, 'success');
)sql";

const char* k_rule = "id: one-entry\ncheck: duplicates\ntable: entries\ncolumns: [batch_id, member_id]\n";

}  // namespace

TEST_CASE("duplicates are reported as groups and excess rows and rows in duplicate groups", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  const auto findings = run_rule(database, k_rule);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "2 duplicate group(s) on (batch_id, member_id) in entries: 3 excess row(s), 5 row(s) in duplicate groups");
  CHECK(findings[0].key == "entries(batch_id, member_id)");
  CHECK(findings[0].samples.columns == std::vector<std::string>{"batch_id", "member_id", "rows"});
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.rows == std::vector<Row>{{"1", "7", "3"}, {"1", "8", "2"}});
}

TEST_CASE("duplicates honour the rule's condition", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  const auto findings = run_rule(database, std::string(k_rule) + "where: status = 'success' AND member_id = 7\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "1 duplicate group(s) on (batch_id, member_id) in entries: 1 excess row(s), 2 row(s) in duplicate groups");
}

TEST_CASE("rows with NULL in a key column are not duplicates and unique keys pass", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  database.execute("DELETE FROM entries WHERE member_id IN (7, 8) AND id NOT IN (1, 4)");
  CHECK(run_rule(database, k_rule).empty());
}

TEST_CASE("a duplicates rule without columns is refused at its key", "[rules]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"id: d\ncheck: duplicates\ntable: entries\n", "rules.yml:1:1: rule 'd': missing key 'columns'"},
      {"id: d\ncheck: duplicates\ntable: entries\ncolumns: []\n", "rules.yml:4:10: rule 'd': 'columns' must be a non-empty list"},
      {"id: d\ncheck: duplicates\ncolumns: [a]\n", "rules.yml:1:1: rule 'd': missing key 'table'"},
      {"id: d\ncheck: duplicates\ntable: {a: b}\ncolumns: [a]\n", "rules.yml:3:8: rule 'd': 'table' must be a non-empty string"},
  };
  for (const auto& [yaml, message] : cases) {
    INFO(yaml);
    CHECK_THROWS_MATCHES(validate_rule(yaml), InputError, Catch::Matchers::Message(message));
  }
}

TEST_CASE("case_insensitive columns are compared lowered, as lower(column) and the samples say so", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE users (account_id int, email text);"
                   "INSERT INTO users VALUES (1, 'Ann@x.io'), (1, 'ann@X.io'), (2, 'ann@x.io'), (1, 'bob@x.io')");
  const std::string rule = "id: one-email\ncheck: duplicates\ntable: users\ncolumns: [account_id, email]\n";
  CHECK(run_rule(database, rule).empty());
  const auto findings = run_rule(database, rule + "case_insensitive: [email]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "1 duplicate group(s) on (account_id, lower(email)) in users: 1 excess row(s), 2 row(s) in duplicate groups");
  CHECK(findings[0].key == "users(account_id, lower(email))");
  CHECK(findings[0].fix == "remove the excess rows, then make a unique index enforce (account_id, lower(email))");
  CHECK(findings[0].samples.columns == std::vector<std::string>{"account_id", "lower(email)", "rows"});
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.rows == std::vector<Row>{{"1", "ann@x.io", "2"}});
}

TEST_CASE("case_insensitive may only name the rule's columns", "[rules]") {
  CHECK_THROWS_MATCHES(
      validate_rule("id: d\ncheck: duplicates\ntable: users\ncolumns: [email]\ncase_insensitive: [name]\n"), InputError,
      Catch::Matchers::Message("rules.yml:5:19: rule 'd': 'case_insensitive' names name, which is not one of 'columns'"));
}
