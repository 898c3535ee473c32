#include <catch2/catch.hpp>

#include "lint/schema_replay.hpp"
#include "migrate/sql_statement.hpp"

using plumb::SchemaReplay;

namespace {

void apply_all(SchemaReplay& replay, const std::string& sql) {
  for (const auto& statement : plumb::split_sql(sql, "m.sql")) replay.apply(statement);
}

}  // namespace

TEST_CASE("a table created by the current migration did not exist before it", "[lint]") {
  SchemaReplay replay;
  replay.begin_migration();
  apply_all(replay, "CREATE TABLE a (id int);");
  CHECK_FALSE(replay.existed_before("public.a"));
  replay.begin_migration();
  CHECK(replay.existed_before("public.a"));
}

TEST_CASE("a table the folder never created is taken as existing", "[lint]") {
  CHECK(SchemaReplay().existed_before("public.legacy"));
}

TEST_CASE("a table the live catalog shows empty locks nobody", "[lint]") {
  plumb::SchemaSnapshot live;
  live.tables.push_back({"public", "empty", {}, {}, {}});
  live.tables.push_back({"public", "full", {}, {}, {}});
  const SchemaReplay replay(live, {"public.empty"});
  CHECK_FALSE(replay.existed_before("public.empty"));
  CHECK(replay.existed_before("public.full"));
}

TEST_CASE("renames and drops carry tables columns and indexes along", "[lint]") {
  SchemaReplay replay;
  apply_all(replay,
            "CREATE TABLE a (id int PRIMARY KEY, email text UNIQUE, name text NOT NULL);"
            "CREATE INDEX a_name ON a (name);"
            "ALTER TABLE a RENAME TO b;"
            "ALTER TABLE b RENAME COLUMN email TO mail;"
            "ALTER INDEX a_name RENAME TO b_name;"
            "ALTER TABLE b ADD COLUMN extra int;"
            "ALTER TABLE b DROP COLUMN name;");
  REQUIRE(replay.find("public.a") == nullptr);
  const auto* table = replay.find("public.b");
  REQUIRE(table != nullptr);
  std::vector<std::string> columns, indexes;
  for (const auto& column : table->table.columns) columns.push_back(column.name);
  for (const auto& index : table->table.indexes) indexes.push_back(index.name);
  CHECK(columns == std::vector<std::string>{"id", "mail", "extra"});
  CHECK(indexes == std::vector<std::string>{"a_pkey", "a_email_key", "b_name"});
  CHECK(replay.table_of_index("b_name") == std::optional<std::string>("public.b"));
  apply_all(replay, "DROP INDEX b_name; DROP TABLE b;");
  CHECK(replay.table_of_index("b_name") == std::nullopt);
  CHECK(replay.tables().empty());
}

TEST_CASE("a NOT NULL check counts once it is validated", "[lint]") {
  SchemaReplay replay;
  apply_all(replay, "CREATE TABLE a (name text); ALTER TABLE a ADD CONSTRAINT nn CHECK (name IS NOT NULL) NOT VALID;");
  CHECK(replay.find("public.a")->validated_not_null.empty());
  apply_all(replay, "ALTER TABLE a VALIDATE CONSTRAINT nn;");
  CHECK(replay.find("public.a")->validated_not_null.count("name") == 1);
}
