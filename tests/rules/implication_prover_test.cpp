#include <catch2/catch.hpp>

#include "rules/implication_prover.hpp"
#include "schema/catalog_reader.hpp"
#include "support/test_database.hpp"

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

struct Proved {
  ProvenImplications proven;
  SchemaSnapshot schema;
};

// Asks the server each question (premise, conclusion) on table t.
bool proves(TestDatabase& database, const SchemaSnapshot& schema, const std::string& premise, const std::string& conclusion) {
  auto connection = database.connect();
  pqxx::transaction<pqxx::read_committed, pqxx::read_only> transaction(*connection);
  const Table* table = schema.find_table("public", "t");
  const auto proven = prove_implications(transaction, {{table, premise, conclusion}}, {});
  return proven.implies(*table, premise, conclusion);
}

}  // namespace

TEST_CASE("PostgreSQL proves implications written differently, both ways, and refuses what does not hold", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE t (a int, status varchar, deleted boolean); CREATE INDEX ON t (status);"
                   "INSERT INTO t SELECT g, 'running', g % 2 = 0 FROM generate_series(1, 1000) g; ANALYZE t;");
  auto connection = database.connect();
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  CHECK(proves(database, schema, "((status)::text = 'running'::text)", "'running' = status"));
  CHECK(proves(database, schema, "'running' = status", "((status)::text = 'running'::text)"));
  CHECK(proves(database, schema, "status IN ('a', 'b')", "status = 'a' OR status = 'b'"));
  CHECK(proves(database, schema, "status = 'a' OR status = 'b'", "status IN ('a', 'b')"));
  CHECK(proves(database, schema, "deleted IS NOT TRUE", "deleted IS DISTINCT FROM true"));  // by the rewrite list
  CHECK(proves(database, schema, "deleted IS DISTINCT FROM true", "deleted IS NOT TRUE"));
  CHECK(proves(database, schema, "a > 5", "a > 1"));
  CHECK_FALSE(proves(database, schema, "a > 1", "a > 5"));
  CHECK_FALSE(proves(database, schema, "status = 'x'", "status = 'y'"));
  CHECK(proves(database, schema, "", "true"));
  CHECK_FALSE(proves(database, schema, "", "a > 1"));
}

TEST_CASE("many questions go in one statement per chunk of tables, and a refused condition is named", "[db][rules]") {
  TestDatabase database;
  std::string ddl;
  for (int i = 0; i < 5; ++i) ddl += "CREATE TABLE t" + std::to_string(i) + " (a int, status text);";
  database.execute(ddl);
  auto connection = database.connect();
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  std::vector<ImplicationQuestion> questions;
  for (const auto& table : schema.tables) questions.push_back({&table, "status = 'a'", "status IN ('a')"});
  std::vector<ConditionToPlan> conditions = {{&schema.tables[2], "status = 1"}, {&schema.tables[3], "a > 0"}};
  pqxx::transaction<pqxx::read_committed, pqxx::read_only> transaction(*connection);
  const auto proven = prove_implications(transaction, questions, conditions, 2);
  for (const auto& table : schema.tables) CHECK(proven.implies(table, "status = 'a'", "status IN ('a')"));
  CHECK(proven.refusal(schema.tables[2], "status = 1").find("operator does not exist: text = integer") != std::string::npos);
  CHECK(proven.refusal(schema.tables[3], "a > 0").empty());
  // The two conditions in one statement, refused, then each alone; the
  // questions in 3 chunks of at most 2 tables.
  CHECK(proven.statements == 1 + 2 + 3);
  // The transaction is still usable: the refusal was rolled back to a savepoint.
  CHECK(transaction.exec1("SELECT 1")[0].as<int>() == 1);
}
