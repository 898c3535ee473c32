#include <catch2/catch.hpp>

#include "rules/rule_loader.hpp"
#include "rules/volatile_function_guard.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

std::vector<Rule> rules_from(const std::string& text) {
  RuleSet rules;
  load_rules_text("rules.yml", text, rules);
  return rules.rules;
}

std::string sql_rule(const std::string& query) {
  return "rules:\n  - id: q\n    check: sql\n    query: \"" + query + "\"\n";
}

// What refuse_volatile_calls says about `rules`, "(ran)" when nothing.
std::string refusal_of(const TestDatabase& database, const std::string& rules, const std::vector<std::string>& allowed = {}) {
  auto connection = database.connect();
  try {
    refuse_volatile_calls(*connection, rules_from(rules), allowed);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(ran)";
}

}  // namespace

TEST_CASE("functions that act outside the transaction can never be allowed", "[rules]") {
  for (const std::string name : {"lo_from_bytea", "lo_unlink", "loread", "lowrite", "pg_terminate_backend",
                                 "pg_cancel_backend", "pg_catalog.pg_read_file", "pg_read_binary_file", "set_config",
                                 "pg_advisory_lock", "pg_try_advisory_xact_lock", "dblink", "dblink_exec"}) {
    INFO(name);
    CHECK(acts_outside_transaction(name));
  }
  for (const std::string name : {"nextval", "random", "clock_timestamp", "my_schema.touch", "pg_sleep"}) {
    INFO(name);
    CHECK_FALSE(acts_outside_transaction(name));
  }
  CHECK_THROWS_MATCHES(require_allowable("pg_terminate_backend"), InputError,
                       Catch::Matchers::Message("--allow-volatile pg_terminate_backend: this function acts outside the "
                                                "rule's transaction (large objects, other sessions, server files, "
                                                "settings, advisory locks, other databases), which a rollback cannot "
                                                "undo; it cannot be allowed"));
  CHECK_NOTHROW(require_allowable("random"));
}

TEST_CASE("a rule calling a volatile function is refused at its key, naming the function", "[db][rules]") {
  TestDatabase database;
  CHECK(refusal_of(database, sql_rule("SELECT lo_from_bytea(0, 'x')")) ==
        "rules.yml:4:12: rule 'q': 'query' calls lo_from_bytea(), a volatile function: it may change the database "
        "or act outside the rule's transaction, so plumb does not run it");
  CHECK(refusal_of(database, sql_rule("SELECT 1 WHERE nextval('s') > 0")) ==
        "rules.yml:4:12: rule 'q': 'query' calls nextval(), a volatile function: it may change the database or act "
        "outside the rule's transaction, so plumb does not run it (if you trust it, pass --allow-volatile nextval)");
  CHECK(refusal_of(database, "rules:\n  - id: w\n    check: not_null\n    table: t\n    columns: [a]\n"
                             "    where: \"pg_catalog.pg_terminate_backend(42)\"\n") ==
        "rules.yml:6:12: rule 'w': 'where' calls pg_catalog.pg_terminate_backend(), a volatile function: it may "
        "change the database or act outside the rule's transaction, so plumb does not run it");
}

TEST_CASE("stable and immutable functions, unknown names and allowed ones pass", "[db][rules]") {
  TestDatabase database;
  CHECK(refusal_of(database, sql_rule("SELECT now(), lower('A'), count(*) FROM generate_series(1, 3)")) == "(ran)");
  CHECK(refusal_of(database, sql_rule("SELECT no_such_function(1)")) == "(ran)");
  CHECK(refusal_of(database, sql_rule("SELECT nextval('s')"), {"nextval"}) == "(ran)");
  CHECK(refusal_of(database, sql_rule("SELECT pg_catalog.nextval('s')"), {"pg_catalog.nextval"}) == "(ran)");
}

TEST_CASE("PostgreSQL's own random, sleep and clock functions pass, a volatile one of the same name does not",
          "[db][rules]") {
  TestDatabase database;
  CHECK(refusal_of(database, sql_rule("SELECT random(), pg_sleep(0), clock_timestamp(), gen_random_uuid()")) == "(ran)");
  database.execute("CREATE FUNCTION public.random(int) RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1'");
  CHECK(refusal_of(database, sql_rule("SELECT random()")).find("calls random(), a volatile function") != std::string::npos);
}

TEST_CASE("an unqualified name is volatile when any schema's function of that name is", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE SCHEMA elsewhere;"
                   "CREATE FUNCTION elsewhere.touch() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1';"
                   "CREATE FUNCTION public.pure() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';");
  CHECK(refusal_of(database, sql_rule("SELECT touch()")).find("calls touch(), a volatile function") != std::string::npos);
  CHECK(refusal_of(database, sql_rule("SELECT public.touch()")) == "(ran)");
  CHECK(refusal_of(database, sql_rule("SELECT pure()")) == "(ran)");
}

TEST_CASE("an operator whose function is volatile is refused", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE FUNCTION bump(int, int) RETURNS bool LANGUAGE sql VOLATILE AS 'SELECT true';"
                   "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = bump);");
  CHECK(refusal_of(database, sql_rule("SELECT 1 WHERE 1 === 2")) ==
        "rules.yml:4:12: rule 'q': 'query' uses operator ===, whose function is volatile: it may change the database "
        "or act outside the rule's transaction, so plumb does not run it");
}
