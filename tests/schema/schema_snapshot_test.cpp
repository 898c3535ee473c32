#include <catch2/catch.hpp>

#include "schema/schema_snapshot.hpp"

using namespace plumb;

TEST_CASE("a table name without a schema means the public schema", "[schema]") {
  CHECK(split_qualified_name("members") == std::pair<std::string, std::string>{"public", "members"});
  CHECK(split_qualified_name("audit.members") == std::pair<std::string, std::string>{"audit", "members"});
}

TEST_CASE("a snapshot finds a table by schema and name", "[schema]") {
  SchemaSnapshot schema;
  schema.tables.push_back(Table{"public", "t", {}, {}, {}});
  schema.tables.push_back(Table{"other", "t", {}, {}, {}});
  CHECK(schema.find_table("other", "t") == &schema.tables[1]);
  CHECK(schema.find_table("public", "t") == &schema.tables[0]);
  CHECK(schema.find_table("public", "u") == nullptr);
}

TEST_CASE("a table's primary key columns come from its primary key constraint", "[schema]") {
  Table table{"public", "t", {}, {}, {}};
  CHECK(table.primary_key_columns().empty());
  Constraint unique;
  unique.type = ConstraintType::unique;
  unique.columns = {"email"};
  Constraint primary;
  primary.type = ConstraintType::primary_key;
  primary.columns = {"a", "b"};
  table.constraints = {unique, primary};
  CHECK(table.primary_key_columns() == std::vector<std::string>{"a", "b"});
}
