#include <catch2/catch.hpp>

#include "support/schema_rule.hpp"

using plumb::testing::indexed_table;
using plumb::testing::Objects;
using plumb::testing::objects_found;

TEST_CASE("no_invalid_indexes reports INVALID indexes only", "[rules]") {
  CHECK(objects_found(indexed_table(), "    check: no_invalid_indexes\n").empty());
  auto schema = indexed_table();
  for (auto& index : schema.tables[0].indexes)
    if (index.name == "t_b") {
      index.valid = false;
      index.definition = "CREATE UNIQUE INDEX t_b ON public.t USING btree (b)";
    }
  CHECK(objects_found(schema, "    check: no_invalid_indexes\n") == Objects{"index public.t.t_b: unique index t_b is INVALID"});
}
