#include <catch2/catch.hpp>

#include "schema/condition_facts.hpp"

using namespace plumb;

TEST_CASE("a condition's facts: columns fixed to one value, columns proved NOT NULL", "[rules]") {
  const auto facts = condition_facts("((status)::text = 'running'::text) AND 1 = kind AND deleted_at IS NULL AND "
                                     "x IN (5) AND y IS NOT NULL");
  REQUIRE(facts.parsed);
  CHECK(facts.only_facts);
  CHECK(facts.fixed.at("status") == Literal{Literal::Kind::string, "'running'"});
  CHECK(facts.fixed.at("kind") == Literal{Literal::Kind::integer, "1"});
  CHECK(facts.fixed.at("deleted_at").kind == Literal::Kind::null);
  CHECK(facts.fixed.at("x").sql == "5");
  CHECK(facts.not_null == std::set<std::string>{"kind", "status", "x", "y"});
  CHECK(facts.columns == std::vector<std::string>{"status", "kind", "deleted_at", "x", "y"});
}

TEST_CASE("a condition with anything but facts is not only facts, and text that is no condition does not parse", "[rules]") {
  const auto mixed = condition_facts("status = 'running' AND (a > 1 OR b = 2)");
  CHECK(mixed.parsed);
  CHECK_FALSE(mixed.only_facts);
  CHECK(mixed.fixed.count("status") == 1);
  CHECK(mixed.columns == std::vector<std::string>{"status", "a", "b"});
  CHECK_FALSE(condition_facts("status = 'running') GROUP BY (status").parsed);
  CHECK_FALSE(condition_facts("status = ").parsed);
  CHECK_FALSE(condition_facts("a > 1 AND b IS NOT NULL").only_facts);
  CHECK(condition_facts("name = 'O''Brien'").fixed.at("name").sql == "'O''Brien'");
}

TEST_CASE("the prover's rewrites turn IS [NOT] DISTINCT FROM a boolean into IS [NOT] TRUE/FALSE", "[rules]") {
  CHECK(with_prover_rewrites("deleted IS DISTINCT FROM true") == "deleted IS NOT TRUE");
  CHECK(with_prover_rewrites("deleted is not distinct from FALSE and x") == "deleted IS FALSE and x");
  CHECK(with_prover_rewrites("(a IS DISTINCT FROM false) OR b IS NOT DISTINCT FROM true") == "(a IS NOT FALSE) OR b IS TRUE");
  // Text in strings, identifiers and comments is never touched; other right-hand sides stay.
  CHECK(with_prover_rewrites("note = 'x IS DISTINCT FROM true'") == "note = 'x IS DISTINCT FROM true'");
  CHECK(with_prover_rewrites("a IS DISTINCT FROM b") == "a IS DISTINCT FROM b");
  CHECK(with_prover_rewrites("a IS DISTINCT FROM true::boolean") == "a IS DISTINCT FROM true::boolean");
  CHECK(with_prover_rewrites("a -- IS DISTINCT FROM true\n") == "a -- IS DISTINCT FROM true\n");
}

TEST_CASE("an expression's columns", "[rules]") {
  CHECK(expression_columns("lower((email)::text)") == std::vector<std::string>{"email"});
  CHECK(expression_columns("(j ->> 'k'::text)") == std::vector<std::string>{"j"});
  CHECK(expression_columns("COALESCE(a, b)") == std::vector<std::string>{"a", "b"});
  CHECK(expression_columns("((").empty());
}

TEST_CASE("a condition limiting a column to a few values, in each way it can be written", "[rules]") {
  const std::vector<Literal> running_or_queued = {{Literal::Kind::string, "'running'"}, {Literal::Kind::string, "'queued'"}};
  for (const char* condition :
       {"status IN ('running', 'queued')", "status = 'running' OR 'queued' = status",
        "((status)::text = ANY ((ARRAY['running'::character varying, 'queued'::character varying])::text[]))"}) {
    INFO(condition);
    const auto facts = condition_facts(condition);
    CHECK(facts.only_facts);
    CHECK(facts.one_of.at("status") == running_or_queued);
    CHECK(facts.not_null.count("status") == 1);
  }
  CHECK_FALSE(condition_facts("status = 'a' OR kind = 'b'").only_facts);
  CHECK(condition_facts("status IN ('a', 'a')").fixed.at("status").sql == "'a'");
}
