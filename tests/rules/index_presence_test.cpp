#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;

TEST_CASE("index_exists finds an index by name or by table and columns", "[rules]") {
  CHECK(objects_found(indexed_table(), "    check: index_exists\n    name: t_a\n").empty());
  CHECK(objects_found(indexed_table(), "    check: index_exists\n    table: t\n    columns: [a, b]\n").empty());
  CHECK(objects_found(indexed_table(), "    check: index_exists\n    table: t\n    columns: [b, id]\n") ==
        Objects{"an index on t (b, id): an index on t (b, id) does not exist"});
  CHECK(objects_found(indexed_table(), "    check: index_exists\n    name: t_c\n") ==
        Objects{"index t_c: index t_c does not exist"});
}

TEST_CASE("index_absent reports an index that is still there", "[rules]") {
  CHECK(objects_found(indexed_table(), "    check: index_absent\n    name: t_c\n").empty());
  CHECK(objects_found(indexed_table(), "    check: index_absent\n    table: t\n    columns: [a]\n") ==
        Objects{"index public.t.t_a: index t_a (a) exists and must not"});
}
