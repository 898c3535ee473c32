#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::k_indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;

TEST_CASE("index_names flags generated hash suffixes and names off the pattern", "[db][rules]") {
  CHECK(objects_found(k_indexed_table, "    check: index_names\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found(k_indexed_table, "    check: index_names\n    pattern: \"^t_[a-z_]+$|_pkey$\"\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found("CREATE TABLE t (a int); CREATE INDEX a_idx ON t (a); CREATE INDEX t_processing ON t (a);",
                      "    check: index_names\n    pattern: \"t_[a-z_]+\"\n") ==
        Objects{"index public.t.a_idx: index name a_idx does not match the pattern t_[a-z_]+"});
}
