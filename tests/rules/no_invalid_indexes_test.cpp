#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::k_indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;

TEST_CASE("no_invalid_indexes reports INVALID indexes only", "[db][rules]") {
  CHECK(objects_found(k_indexed_table, "    check: no_invalid_indexes\n").empty());
  CHECK(objects_found(std::string(k_indexed_table) + "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_b'::regclass;",
                      "    check: no_invalid_indexes\n") ==
        Objects{"index public.t.t_b: unique index t_b is INVALID"});
}
