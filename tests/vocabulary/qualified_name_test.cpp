#include "vocabulary/qualified_name.hpp"

#include <catch2/catch.hpp>

#include "util/errors.hpp"

using plumb::InputError;
using plumb::QualifiedName;

TEST_CASE("a qualified name reads NAME and SCHEMA.NAME, quoted parts keeping their dots", "[vocabulary]") {
  CHECK(QualifiedName::parse("members") == QualifiedName{std::nullopt, "members"});
  CHECK(QualifiedName::parse("app.members") == QualifiedName{std::string("app"), "members"});
  CHECK(QualifiedName::parse("\"Sales.2024\".\"Orders\"") == QualifiedName{std::string("Sales.2024"), "Orders"});
  CHECK(QualifiedName::parse("app.\"say \"\"hi\"\"\"") == QualifiedName{std::string("app"), "say \"hi\""});
  CHECK(QualifiedName::parse("Members").name == "Members");
  CHECK(QualifiedName::parse("x\"; DROP TABLE y; --").name == "x\"; DROP TABLE y; --");
}

TEST_CASE("a qualified name quotes every part for SQL and only what needs it for people", "[vocabulary]") {
  CHECK(QualifiedName::parse("members").quoted() == "\"members\"");
  CHECK(QualifiedName::parse("app.members").quoted() == "\"app\".\"members\"");
  CHECK(QualifiedName::parse("app.\"a\"\"b\"").quoted() == "\"app\".\"a\"\"b\"");
  CHECK(QualifiedName::parse("app.members").to_string() == "app.members");
  CHECK(QualifiedName::parse("\"Sales.2024\".Orders").to_string() == "\"Sales.2024\".Orders");
  CHECK(QualifiedName::parse("x\"y").to_string() == "x\"y");
  CHECK(QualifiedName::parse("x\"y").quoted() == "\"x\"\"y\"");
  CHECK(QualifiedName::parse("members").schema_or("public") == "public");
}

TEST_CASE("a qualified name refuses text that names no table", "[vocabulary]") {
  CHECK_THROWS_WITH(QualifiedName::parse(""), "an empty name part (a stray dot, or nothing)");
  CHECK_THROWS_WITH(QualifiedName::parse("app."), "an empty name part (a stray dot, or nothing)");
  CHECK_THROWS_WITH(QualifiedName::parse(".members"), "an empty name part (a stray dot)");
  CHECK_THROWS_WITH(QualifiedName::parse("a.b.c"), "more than two parts: give SCHEMA.NAME or NAME");
  CHECK_THROWS_WITH(QualifiedName::parse("\"open"), "a quote that is never closed");
  CHECK_THROWS_WITH(QualifiedName::parse("\"a\"b"), "text after a closing quote");
  CHECK_THROWS_AS(QualifiedName::parse("\"\""), InputError);
}

TEST_CASE("identifiers are quoted always for SQL that runs, only when needed for SQL shown", "[vocabulary]") {
  CHECK(plumb::sql_identifier("order") == "\"order\"");
  CHECK(plumb::quote_identifier("order_items") == "order_items");
  CHECK(plumb::quote_identifier("Order") == "\"Order\"");
  CHECK(plumb::quote_identifier("2fa") == "\"2fa\"");
  // Keywords as PostgreSQL's quote_ident treats them: reserved (order,
  // user), type or function names (left), column-name keywords (int,
  // position) quoted; unreserved ones (action) and plain names bare.
  for (const char* keyword : {"order", "user", "group", "left", "int", "position", "end"})
    CHECK(plumb::quote_identifier(keyword) == "\"" + std::string(keyword) + "\"");
  CHECK(plumb::quote_identifier("action") == "action");
  CHECK(plumb::quote_identifier("status") == "status");
  CHECK(plumb::split_name_parts("app.members.id") == std::vector<std::string>{"app", "members", "id"});
}
