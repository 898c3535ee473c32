#include <catch2/catch.hpp>

#include "schema/condition_types.hpp"

using namespace plumb;

namespace {

Table table_with_columns() {
  Table table;
  table.schema = "public";
  table.name = "t";
  table.columns = {{"status", "character varying(20)"}, {"kind", "text"}, {"count", "integer"},
                   {"enabled", "boolean"},           {"deleted_at", "timestamp without time zone"},
                   {"mood", "mood_enum"}};
  return table;
}

}  // namespace

TEST_CASE("the plain facts Rails apps write type-check without asking the server", "[schema]") {
  const Table table = table_with_columns();
  CHECK(certainly_type_checks(table, "deleted_at IS NULL"));
  CHECK(certainly_type_checks(table, "status = 'running'"));
  CHECK(certainly_type_checks(table, "status = 'running' OR status = 'queued'"));
  CHECK(certainly_type_checks(table, "kind IN ('a', 'b') AND count = 3 AND enabled = true AND mood IS NOT NULL"));
}

TEST_CASE("anything plumb cannot be sure of goes to the server", "[schema]") {
  const Table table = table_with_columns();
  // Conversions that can fail, or types plumb does not know.
  CHECK_FALSE(certainly_type_checks(table, "count = 'x'"));
  CHECK_FALSE(certainly_type_checks(table, "deleted_at = '2026-13-01'"));
  CHECK_FALSE(certainly_type_checks(table, "mood = 'happy'"));
  CHECK_FALSE(certainly_type_checks(table, "enabled = 1"));
  CHECK_FALSE(certainly_type_checks(table, "status = 1"));
  // Casts, unknown columns, more than facts, text that is no condition.
  CHECK_FALSE(certainly_type_checks(table, "status::nosuchtype = 'a'"));
  CHECK_FALSE(certainly_type_checks(table, "CAST(status AS text) = 'a'"));
  CHECK_FALSE(certainly_type_checks(table, "nope = 'a'"));
  CHECK_FALSE(certainly_type_checks(table, "count > 1"));
  CHECK_FALSE(certainly_type_checks(table, "status = "));
}
