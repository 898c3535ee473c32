#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::k_indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;

TEST_CASE("redundant_indexes reports duplicates and plain leading prefixes but keeps unique ones", "[db][rules]") {
  CHECK(objects_found(k_indexed_table, "    check: redundant_indexes\n") ==
        Objects{"index public.t.t_a: index t_a (a) is redundant: its keys are a leading prefix of t_a_b (a, b)",
                "index public.t.t_b_again: index t_b_again (b) is redundant: it has the same keys and predicate as t_b (b)"});
  CHECK(objects_found("CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a) WHERE b > 0; CREATE INDEX t_a_b ON t (a, b);",
                      "    check: redundant_indexes\n")
            .empty());
}
