#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

// No foreign key, as for invitation_log_entries.member_id.
const char* k_entries = R"sql(
  CREATE TABLE members (id int PRIMARY KEY);
  CREATE TABLE entries (id int, member_id int, status text);
  INSERT INTO members VALUES (1), (2);
  INSERT INTO entries VALUES (1, 1, 'success'), (2, 9, 'success'), (3, 9, 'failed'), (4, 5, 'success'), (5, NULL, 'success');
)sql";

const char* k_rule = "id: members-exist\ncheck: orphans\ntable: entries\ncolumn: member_id\nreferences: members.id\n";

}  // namespace

TEST_CASE("rows whose reference has no parent row are reported without a foreign key", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  const auto findings = run_rule(database, k_rule);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "3 row(s) of entries have a member_id with no members.id");
  CHECK(findings[0].key == "entries.member_id->members.id");
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns == std::vector<std::string>{"member_id", "rows"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"9", "2"}, {"5", "1"}});
}

TEST_CASE("orphans honour the rule's condition on the child rows", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  const auto findings = run_rule(database, std::string(k_rule) + "where: status = 'failed'\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "1 row(s) of entries have a member_id with no members.id");
}

TEST_CASE("references that all have a parent pass", "[db][rules]") {
  TestDatabase database;
  database.execute(k_entries);
  database.execute("INSERT INTO members VALUES (5), (9)");
  CHECK(run_rule(database, k_rule).empty());
}

TEST_CASE("an orphans rule whose reference names no column is refused at its key", "[rules]") {
  for (const std::string references : {"members", "members.", ".id"}) {
    INFO(references);
    CHECK_THROWS_MATCHES(
        validate_rule("id: o\ncheck: orphans\ntable: entries\ncolumn: member_id\nreferences: " + references + "\n"),
        InputError,
        Catch::Matchers::Message(
            "rules.yml:5:13: rule 'o': 'references' must name the parent's table and column, e.g. members.id"));
  }
}
