#include <catch2/catch.hpp>

#include "schema/catalog_reader.hpp"
#include "support/reference_schema.hpp"
#include "support/test_database.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

// The snapshot of a fresh database once `sql` has run in it.
SchemaSnapshot snapshot_after(const std::string& sql) {
  TestDatabase database;
  database.execute(sql);
  auto connection = database.connect();
  return read_schema_snapshot(*connection);
}

}  // namespace

TEST_CASE("the snapshot of the reference schema holds its tables indexes and constraints", "[db][schema]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  auto connection = database.connect();
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  // The app's nine tables and plumb's migration history.
  CHECK(schema.tables.size() == 10);
  CHECK(schema.find_table("public", "plumb_schema_migrations") != nullptr);
  const Table* entries = schema.find_table("public", "invitation_log_entries");
  REQUIRE(entries != nullptr);
  CHECK(entries->columns.size() == 10);
  CHECK(entries->columns[1].name == "invitation_log_id");
  CHECK(entries->columns[1].type == "bigint");
  CHECK(entries->columns[1].not_null);
  CHECK(entries->primary_key_columns() == std::vector<std::string>{"id"});

  const Index* incident = entries->find_index("idx_on_invitation_type_invitation_id_6d6ef495e6");
  REQUIRE(incident != nullptr);
  CHECK(incident->key_texts() == std::vector<std::string>{"invitation_type", "invitation_id"});
  CHECK(incident->unique);
  CHECK(incident->valid);
  CHECK(incident->ready);
  CHECK_FALSE(incident->nulls_not_distinct);
  CHECK_FALSE(incident->predicate.has_value());
  CHECK(incident->method == "btree");
  CHECK_FALSE(incident->constraint.has_value());

  const Table* logs = schema.find_table("public", "invitation_logs");
  REQUIRE(logs != nullptr);
  const Index* active = logs->find_index("index_invitation_logs_unique_active");
  REQUIRE(active != nullptr);
  CHECK(active->predicate == std::optional<std::string>("((status)::text = 'running'::text)"));
  REQUIRE(logs->constraints.size() == 2);
  const Constraint& foreign = logs->constraints[0];
  CHECK(foreign.name == "fk_rails_invitation_logs_initiator_id");
  CHECK(foreign.type == ConstraintType::foreign_key);
  CHECK(foreign.columns == std::vector<std::string>{"initiator_id"});
  CHECK(foreign.referenced_table == "public.members");
  CHECK(foreign.referenced_columns == std::vector<std::string>{"id"});
  CHECK(logs->constraints[1].type == ConstraintType::primary_key);
  CHECK(logs->constraints[1].index == "invitation_logs_pkey");
  CHECK(logs->find_index("invitation_logs_pkey")->constraint == std::optional<std::string>("invitation_logs_pkey"));
}

TEST_CASE("expression keys INCLUDE columns and NULLS NOT DISTINCT are read as PostgreSQL prints them", "[db][schema]") {
  const SchemaSnapshot schema = snapshot_after(
      "CREATE TABLE people (id int, email varchar, code text, note text);"
      "CREATE UNIQUE INDEX people_email ON people (lower(email), id) INCLUDE (note);"
      "CREATE UNIQUE INDEX people_code ON people (code) NULLS NOT DISTINCT;"
      "CREATE INDEX people_note ON people USING hash (note);"
      "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'people_note'::regclass;");
  const Table& people = schema.tables.at(0);
  const Index* email = people.find_index("people_email");
  REQUIRE(email != nullptr);
  REQUIRE(email->keys.size() == 2);
  CHECK(email->keys[0].text == "lower(email::text)");
  CHECK(email->keys[0].is_expression);
  CHECK(email->keys[1].text == "id");
  CHECK_FALSE(email->keys[1].is_expression);
  CHECK(email->include == std::vector<std::string>{"note"});
  CHECK(people.find_index("people_code")->nulls_not_distinct);
  CHECK(people.find_index("people_note")->method == "hash");
  CHECK_FALSE(people.find_index("people_note")->valid);
}

TEST_CASE("index keys are named by column number past a dropped column and between expressions", "[db][schema]") {
  const SchemaSnapshot schema = snapshot_after(
      "CREATE TABLE people (a int, gone int, b text, c text);"
      "ALTER TABLE people DROP COLUMN gone;"
      "CREATE UNIQUE INDEX people_mixed ON people (b, lower(c), a, upper(b)) INCLUDE (c);");
  const Index* mixed = schema.tables.at(0).find_index("people_mixed");
  REQUIRE(mixed != nullptr);
  CHECK(mixed->key_texts() == std::vector<std::string>{"b", "lower(c)", "a", "upper(b)"});
  std::vector<bool> expressions;
  for (const auto& key : mixed->keys) expressions.push_back(key.is_expression);
  CHECK(expressions == std::vector<bool>{false, true, false, true});
  CHECK(mixed->include == std::vector<std::string>{"c"});
}

TEST_CASE("column defaults and generated columns are read as PostgreSQL prints them", "[db][schema]") {
  const SchemaSnapshot schema = snapshot_after(
      "CREATE TABLE orders (id bigserial, status varchar DEFAULT 'new', total int,"
      " doubled int GENERATED ALWAYS AS (total * 2) STORED)");
  const Table& orders = schema.tables.at(0);
  CHECK(orders.find_column("id")->default_value == std::optional<std::string>("nextval('orders_id_seq'::regclass)"));
  CHECK(orders.find_column("status")->default_value == std::optional<std::string>("'new'::character varying"));
  CHECK_FALSE(orders.find_column("total")->default_value.has_value());
  CHECK(orders.find_column("doubled")->default_value == std::optional<std::string>("(total * 2)"));
}

TEST_CASE("CHECK constraints are read with their columns, and their condition without NOT VALID", "[db][schema]") {
  const SchemaSnapshot schema = snapshot_after(
      "CREATE TABLE orders (id int, status text CONSTRAINT orders_status CHECK (status IN ('new', 'paid')), total int);"
      "ALTER TABLE orders ADD CONSTRAINT orders_total CHECK (total >= 0) NOT VALID");
  const Table& orders = schema.tables.at(0);
  REQUIRE(orders.constraints.size() == 2);
  const Constraint& status = orders.constraints[0];
  CHECK(status.type == ConstraintType::check);
  CHECK(status.columns == std::vector<std::string>{"status"});
  CHECK(status.index.empty());
  CHECK(status.check_condition() == "((status = ANY (ARRAY['new'::text, 'paid'::text])))");
  CHECK(orders.constraints[1].definition == "CHECK ((total >= 0)) NOT VALID");
  CHECK(orders.constraints[1].check_condition() == "((total >= 0))");
}

TEST_CASE("tables indexes and constraints come ordered by name bytewise and columns by position", "[db][schema]") {
  const SchemaSnapshot schema = snapshot_after(
      "CREATE SCHEMA alpha; CREATE TABLE alpha.z (id int);"
      "CREATE TABLE \"a\" (id int, \"b\" int, \"B\" int);"
      "CREATE TABLE \"_x\" (id int); CREATE TABLE \"B\" (id int); CREATE TABLE \"Z9\" (id int);"
      "ALTER TABLE \"a\" DROP COLUMN \"b\"; ALTER TABLE \"a\" ADD COLUMN \"A\" int;"
      "CREATE INDEX \"x_b\" ON \"a\" (id); CREATE INDEX \"X_a\" ON \"a\" (id); CREATE INDEX \"_a\" ON \"a\" (id);"
      "ALTER TABLE \"a\" ADD CONSTRAINT \"u\" UNIQUE (id), ADD CONSTRAINT \"U\" UNIQUE (\"B\");");
  std::vector<std::string> tables;
  for (const auto& table : schema.tables) tables.push_back(table.qualified_name());
  CHECK(tables == std::vector<std::string>{"alpha.z", "public.B", "public.Z9", "public._x", "public.a"});
  const Table& a = schema.tables.back();
  std::vector<std::string> columns, indexes, constraints;
  for (const auto& column : a.columns) columns.push_back(column.name);
  for (const auto& index : a.indexes) indexes.push_back(index.name);
  for (const auto& constraint : a.constraints) constraints.push_back(constraint.name);
  CHECK(columns == std::vector<std::string>{"id", "B", "A"});
  CHECK(indexes == std::vector<std::string>{"U", "X_a", "_a", "u", "x_b"});
  CHECK(constraints == std::vector<std::string>{"U", "u"});
}

TEST_CASE("the same table name in two schemas gives two tables and --table can pick one", "[db][schema]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (a int); CREATE SCHEMA other; CREATE TABLE other.t (b int); CREATE TABLE u (c int);");
  auto connection = database.connect();
  const SchemaSnapshot all = read_schema_snapshot(*connection);
  REQUIRE(all.tables.size() == 3);
  CHECK(all.find_table("other", "t")->columns.at(0).name == "b");
  CHECK(all.find_table("public", "t")->columns.at(0).name == "a");
  CHECK(read_schema_snapshot(*connection, std::string("t")).tables.size() == 2);
  const SchemaSnapshot one = read_schema_snapshot(*connection, std::string("other.t"));
  REQUIRE(one.tables.size() == 1);
  CHECK(one.tables[0].schema == "other");
}

TEST_CASE("reading the catalog behind a migration's lock gives up after its timeout", "[db][schema]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (a int); CREATE INDEX t_a ON t (a) WHERE a > 0;");
  auto migration = database.connect();
  pqxx::work lock(*migration);
  lock.exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  auto connection = database.connect();
  CHECK_THROWS_AS(read_schema_snapshot(*connection, std::nullopt, std::chrono::milliseconds(200)), pqxx::sql_error);
}
