#include <catch2/catch.hpp>

#include "lint/parse_tree.hpp"
#include "migrate/sql_statement.hpp"

namespace {

nlohmann::json tree_of(const std::string& sql) { return plumb::split_sql(sql, "m.sql").at(0).tree(); }

}  // namespace

TEST_CASE("an index definition is read with its keys as plumb's checks compare them", "[lint]") {
  const auto index = plumb::index_of(
      tree_of("CREATE UNIQUE INDEX i ON s.t (a, lower(email), (b + 1)) NULLS NOT DISTINCT")["IndexStmt"]);
  CHECK(index.name == "i");
  CHECK(index.unique);
  CHECK(index.nulls_not_distinct);
  CHECK(index.key_texts() == std::vector<std::string>{"a", "lower(email)", "expression"});
  CHECK(plumb::qualified_relation(tree_of("CREATE INDEX i ON t (a)")["IndexStmt"]["relation"]) == "public.t");
}

TEST_CASE("two spellings of one condition are the same condition", "[lint]") {
  const auto where = tree_of("CREATE INDEX i ON t (a) WHERE (status = 'running')")["IndexStmt"]["whereClause"];
  CHECK(plumb::same_condition(where, "status='running'"));
  CHECK_FALSE(plumb::same_condition(where, "status = 'failed'"));
  CHECK_FALSE(plumb::same_condition(where, "status = ("));
  // The catalog's form of the same predicate, as `--db` reads it.
  CHECK(plumb::same_condition(where, "((status)::text = 'running'::text)"));
}

TEST_CASE("the names a statement defines are listed for the length rule", "[lint]") {
  CHECK(plumb::defined_names(tree_of("CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0))")) ==
        std::vector<std::string>{"t", "a", "c"});
  CHECK(plumb::defined_names(tree_of("ALTER TABLE t ADD COLUMN b int")) == std::vector<std::string>{"b"});
  CHECK(plumb::defined_names(tree_of("ALTER TABLE t RENAME TO u")) == std::vector<std::string>{"u"});
}

TEST_CASE("a column type reads the same from a migration and from format_type()", "[lint]") {
  const std::pair<std::string, std::string> cases[] = {
      {"character varying(10)", "varchar(10)"}, {"varchar", "varchar"},         {"integer", "int4"},
      {"numeric(12, 2)", "numeric(12,2)"},      {"text[]", "text[]"},            {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"}, {"character(2)", "bpchar(2)"},
  };
  for (const auto& [sql, expected] : cases) {
    INFO(sql);
    const auto type = plumb::parse_column_type(sql);
    REQUIRE(type);
    CHECK(type->to_string() == expected);
  }
  CHECK_FALSE(plumb::parse_column_type("not a type at all ("));
}
