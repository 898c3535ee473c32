#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;
using plumb::testing::plain_index;
using plumb::testing::table_t;

TEST_CASE("redundant_indexes reports duplicates and plain leading prefixes but keeps unique ones", "[rules]") {
  CHECK(objects_found(indexed_table(), "    check: redundant_indexes\n") ==
        Objects{"index public.t.t_a: index t_a (a) is redundant: its keys are a leading prefix of t_a_b (a, b)",
                "index public.t.t_b_again: index t_b_again (b) is redundant: it has the same keys and predicate as t_b (b)"});
  auto partial = plain_index("t_a", {"a"});
  partial.predicate = "(b > 0)";
  CHECK(objects_found(table_t({"a", "b"}, {partial, plain_index("t_a_b", {"a", "b"})}), "    check: redundant_indexes\n").empty());
}
