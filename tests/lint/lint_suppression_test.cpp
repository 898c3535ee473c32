#include <catch2/catch.hpp>

#include "lint/lint_suppression.hpp"
#include "util/errors.hpp"

using plumb::read_suppressions;

TEST_CASE("a suppression comment is read with its rule id reason and line", "[lint]") {
  const auto found = read_suppressions("m.sql", "SELECT 1;\n-- plumb:lint-ignore volatile-default backfilled table of 10 rows\n");
  REQUIRE(found.count(2) == 1);
  CHECK(found.at(2).at(0).rule_id == "volatile-default");
  CHECK(found.at(2).at(0).reason == "backfilled table of 10 rows");
  CHECK(found.at(2).at(0).where.to_string() == "m.sql:2:22");
}

TEST_CASE("a suppression without a reason is refused with a caret", "[lint]") {
  CHECK_THROWS_MATCHES(read_suppressions("m.sql", "-- plumb:lint-ignore volatile-default\n"), plumb::InputError,
                       Catch::Message("m.sql:1:22: a lint suppression needs a rule id and a reason: "
                                      "'-- plumb:lint-ignore <rule-id> <reason>'\n"
                                      "    -- plumb:lint-ignore volatile-default\n"
                                      "                         ^"));
}

TEST_CASE("a suppression naming an unknown rule is refused listing the rules", "[lint]") {
  CHECK_THROWS_WITH(read_suppressions("m.sql", "-- plumb:lint-ignore no-such-rule because\n"),
                    Catch::StartsWith("m.sql:1:22: unknown lint rule 'no-such-rule' (known: unlintable-file, index-without-concurrently, "));
}
