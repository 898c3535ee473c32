#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;
using plumb::testing::plain_index;
using plumb::testing::table_t;

TEST_CASE("index_names flags generated hash suffixes and names off the pattern", "[rules]") {
  CHECK(objects_found(indexed_table(), "    check: index_names\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found(indexed_table(), "    check: index_names\n    pattern: \"^t_[a-z_]+$|_pkey$\"\n") ==
        Objects{"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash"});
  CHECK(objects_found(table_t({"a"}, {plain_index("a_idx", {"a"}), plain_index("t_processing", {"a"})}),
                      "    check: index_names\n    pattern: \"t_[a-z_]+\"\n") ==
        Objects{"index public.t.a_idx: index name a_idx does not match the pattern t_[a-z_]+"});
}

TEST_CASE("index_names leaves indexes behind constraints alone unless asked", "[rules]") {
  const Objects named_badly = {"index public.t.idx_on_a_b_6d6ef495e6: index name idx_on_a_b_6d6ef495e6 ends in a generated hash",
                               "index public.t.t_a_b: index name t_a_b does not match the pattern ^t_[ab]+$",
                               "index public.t.t_b_again: index name t_b_again does not match the pattern ^t_[ab]+$"};
  CHECK(objects_found(indexed_table(), "    check: index_names\n    pattern: \"^t_[ab]+$\"\n") == named_badly);
  Objects with_constraints = named_badly;
  with_constraints.push_back("index public.t.t_pkey: index name t_pkey does not match the pattern ^t_[ab]+$");
  CHECK(objects_found(indexed_table(), "    check: index_names\n    pattern: \"^t_[ab]+$\"\n    constraints: true\n") ==
        with_constraints);
}
