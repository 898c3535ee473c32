#include <catch2/catch.hpp>

#include "rules/sql_fragment.hpp"
#include "util/errors.hpp"

using namespace plumb;

namespace {

struct Refused {
  const char* what;
  std::string text;
  std::string reason;
};

std::string reason_for_condition(const std::string& text) {
  try {
    check_condition(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(accepted)";
}

std::string reason_for_query(const std::string& text) {
  try {
    check_query(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(accepted)";
}

std::vector<std::string> names(const std::vector<SqlName>& list) {
  std::vector<std::string> texts;
  for (const auto& name : list) texts.push_back(name.to_string());
  return texts;
}

}  // namespace

TEST_CASE("a condition that is one expression is accepted", "[rules]") {
  for (const std::string condition :
       {"status = 'running'", "deleted_at IS NULL AND (kind = 'a' OR kind = 'b')", "true -- a trailing comment",
        "id IN (SELECT member_id FROM bans WHERE reason = ')')", "note = 'it''s; COMMIT; --'",
        "EXISTS (SELECT 1 FROM members m WHERE m.id = member_id)", "status = 'x'\n  AND id > 3"}) {
    INFO(condition);
    CHECK(reason_for_condition(condition) == "(accepted)");
  }
}

TEST_CASE("a condition that reaches outside its parentheses is refused with the reason", "[rules]") {
  const std::vector<Refused> cases = {
      {"the incident's injection", "true) GROUP BY member_id; COMMIT; CREATE TABLE pwned(x int); DELETE FROM bans; --",
       "it holds more than one statement (a ';')"},
      {"a second statement", "true); DELETE FROM bans; SELECT (1", "it holds more than one statement (a ';')"},
      {"a clause after the condition", "true) GROUP BY (member_id", "it reaches past its own parentheses (into groupClause)"},
      {"an ORDER BY", "true) ORDER BY (1", "it reaches past its own parentheses (into sortClause)"},
      {"a UNION", "true) UNION SELECT 1 FROM bans WHERE (true", "it reaches past its own parentheses (into UNION, INTERSECT or EXCEPT)"},
      {"a locking clause after a commented-out parenthesis", "true) FOR UPDATE --", "syntax error at or near \")\" (at character 21)"},
      {"an early parenthesis that rebinds plumb's AND", "a) OR (true", "its parentheses do not balance"},
      {"an open parenthesis", "(a = 1", "syntax error at end of input (at character 9)"},
      {"a comment that swallows the rest", "true /* ", "unterminated /* comment at or near \"/* \n)\" (at character 6)"},
      {"a data-modifying CTE in a subquery", "EXISTS (WITH d AS (DELETE FROM bans RETURNING 1) SELECT 1 FROM d)",
       "it holds a data-modifying DELETE"},
      {"a locking subquery", "EXISTS (SELECT 1 FROM bans FOR UPDATE)", "it holds a locking clause (FOR UPDATE/SHARE)"},
      {"plumb's own parameter", "updated_at < now() - $1 * interval '1 ms'", "it holds a parameter ($n)"},
      {"a NUL byte", std::string("true\0; DROP TABLE bans", 22), "it holds a NUL byte"},
      {"bytes that are not UTF-8", "name = '\xff'", "it is not UTF-8"},
      {"nothing", "", "syntax error at or near \")\" (at character 2)"},
  };
  for (const auto& each : cases) {
    SECTION(each.what) { CHECK(reason_for_condition(each.text) == each.reason); }
  }
}

TEST_CASE("a query that is one SELECT is accepted", "[rules]") {
  for (const std::string query :
       {"SELECT id FROM bans WHERE reason IS NULL", "WITH x AS (SELECT 1 AS a) SELECT a FROM x ORDER BY a LIMIT 3",
        "VALUES (1)", "TABLE bans", "SELECT 1 -- the end", "SELECT ';' AS semicolon"}) {
    INFO(query);
    CHECK(reason_for_query(query) == "(accepted)");
  }
}

TEST_CASE("a query that is not exactly one SELECT is refused with the reason", "[rules]") {
  const std::vector<Refused> cases = {
      {"two statements", "SELECT 1; DELETE FROM bans", "it holds 2 statements"},
      {"plumb's own parameter", "SELECT $1", "it holds a parameter ($n)"},
      {"a trailing semicolon", "SELECT 1;", "it ends with ';'"},
      {"a DELETE", "DELETE FROM bans RETURNING id", "it is DELETE, not a SELECT"},
      {"a transaction command", "COMMIT", "it is TRANSACTION, not a SELECT"},
      {"a data-modifying CTE", "WITH d AS (DELETE FROM bans RETURNING id) SELECT id FROM d", "it holds a data-modifying DELETE"},
      {"SELECT INTO", "SELECT * INTO pwned FROM bans", "it holds SELECT INTO"},
      {"FOR UPDATE", "SELECT * FROM bans FOR UPDATE", "it holds a locking clause (FOR UPDATE/SHARE)"},
      {"FOR SHARE in a subquery", "SELECT * FROM (SELECT * FROM bans FOR SHARE) b", "it holds a locking clause (FOR UPDATE/SHARE)"},
      {"closing plumb's CTE", "SELECT 1) , x AS (DELETE FROM bans RETURNING 1) SELECT * FROM x --",
       "syntax error at or near \")\" (at character 9)"},
      {"only a comment", "-- nothing", "it holds no statement"},
  };
  for (const auto& each : cases) {
    SECTION(each.what) { CHECK(reason_for_query(each.text) == each.reason); }
  }
}

TEST_CASE("a fragment lists each function and operator it calls once, qualified as written, in parse tree order", "[rules]") {
  const SqlFragment condition = check_condition("lo_from_bytea(0, 'x') > 0 AND pg_catalog.now() > now() AND a OPERATOR(public.===) b");
  CHECK(names(condition.functions) == std::vector<std::string>{"lo_from_bytea", "pg_catalog.now", "now"});
  CHECK(names(condition.operators) == std::vector<std::string>{">", "public.==="});
  const SqlFragment query = check_query("SELECT pg_read_file('postmaster.pid') FROM generate_series(1, 2) WHERE 1 = ANY (SELECT 1)");
  CHECK(names(query.functions) == std::vector<std::string>{"generate_series", "pg_read_file"});
  CHECK(names(query.operators) == std::vector<std::string>{"="});
}

TEST_CASE("a condition goes into a statement in the parentheses it was checked in", "[rules]") {
  CHECK(parenthesised_condition("true -- note") == "(true -- note\n)");
}
