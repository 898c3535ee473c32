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
            "rules.yml:5:13: rule 'o': 'references' must name the parent's table and column, e.g. members.id, "
            "or members(account_id, id) for several columns"));
  }
}

namespace {

// Members are unique per account; an entry names its member by both columns.
const char* k_accounts = R"sql(
  CREATE TABLE members (account_id int, id int, PRIMARY KEY (account_id, id));
  CREATE TABLE entries (id int, account_id int, member_id int);
  INSERT INTO members VALUES (1, 10), (2, 20);
  INSERT INTO entries VALUES (1, 1, 10), (2, 1, 20), (3, 1, 20), (4, 2, 20), (5, NULL, 99), (6, 3, NULL);
)sql";

const char* k_composite_rule =
    "id: members-exist\ncheck: orphans\ntable: entries\ncolumns: [account_id, member_id]\n"
    "references: members(account_id, id)\n";

}  // namespace

TEST_CASE("a composite reference is an orphan when no parent has all of its columns; a NULL in one exempts it",
          "[db][rules]") {
  TestDatabase database;
  database.execute(k_accounts);
  const auto findings = run_rule(database, k_composite_rule);
  REQUIRE(findings.size() == 1);
  // (1, 20): member 20 exists, but in account 2.
  CHECK(findings[0].message == "2 row(s) of entries have a (account_id, member_id) with no members(account_id, id)");
  CHECK(findings[0].key == "entries(account_id, member_id)->members(account_id, id)");
  CHECK(findings[0].fix == "remove or repair those rows, then add a foreign key so that it cannot happen again");
  using Row = std::vector<std::optional<std::string>>;
  CHECK(findings[0].samples.columns == std::vector<std::string>{"account_id", "member_id", "rows"});
  CHECK(findings[0].samples.rows == std::vector<Row>{{"1", "20", "2"}});
}

TEST_CASE("orphans behind a NOT VALID foreign key are fixed by validating it", "[db][rules]") {
  TestDatabase database;
  database.execute(k_accounts);
  // Declared in the other column order: the same pairs, the same reference.
  database.execute("ALTER TABLE entries ADD CONSTRAINT entries_member_fk FOREIGN KEY (member_id, account_id)"
                   " REFERENCES members (id, account_id) NOT VALID");
  const auto findings = run_rule(database, k_composite_rule);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fix ==
        "remove or repair those rows, then validate the foreign key that is already there (NOT VALID): "
        "ALTER TABLE entries VALIDATE CONSTRAINT entries_member_fk;");
}

TEST_CASE("a composite reference needs as many parent columns as it has, and one of column or columns", "[rules]") {
  CHECK_THROWS_MATCHES(
      validate_rule("id: o\ncheck: orphans\ntable: entries\ncolumns: [a, b]\nreferences: members.id\n"), InputError,
      Catch::Matchers::Message("rules.yml:5:13: rule 'o': 'references' names 1 column(s) of the parent for 2 of the "
                               "reference, e.g. members.id, or members(account_id, id) for several columns"));
  CHECK_THROWS_MATCHES(
      validate_rule("id: o\ncheck: orphans\ntable: entries\ncolumn: a\ncolumns: [a]\nreferences: members.id\n"),
      InputError,
      Catch::Matchers::Message(
          "rules.yml:5:10: rule 'o': give the reference as 'column' (one) or 'columns' (several), not both"));
}
