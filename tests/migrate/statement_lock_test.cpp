#include <catch2/catch.hpp>

#include "migrate/sql_statement.hpp"
#include "migrate/statement_lock.hpp"

using plumb::lock_taken;
using plumb::needs_autocommit;
using plumb::split_sql;

namespace {

plumb::SqlStatement statement(const std::string& sql) { return split_sql(sql, "m.sql").at(0); }

}  // namespace

TEST_CASE("each migration statement is shown with the lock it takes", "[migrate]") {
  struct Case {
    std::string sql;
    std::string mode;
    std::vector<std::string> tables;
  };
  const Case cases[] = {
      {"CREATE INDEX CONCURRENTLY i ON s.t (a)", "SHARE UPDATE EXCLUSIVE", {"s.t"}},
      {"CREATE UNIQUE INDEX i ON t (a)", "SHARE", {"t"}},
      {"DROP INDEX CONCURRENTLY IF EXISTS i", "SHARE UPDATE EXCLUSIVE", {"i"}},
      {"DROP INDEX i", "ACCESS EXCLUSIVE", {"i"}},
      {"DROP TABLE s.t", "ACCESS EXCLUSIVE", {"s.t"}},
      {"ALTER TABLE t ADD COLUMN c int", "ACCESS EXCLUSIVE", {"t"}},
      {"CREATE TABLE c (id int, p int REFERENCES parents (id))", "SHARE ROW EXCLUSIVE", {"parents"}},
      {"CREATE TABLE c (id int)", "none", {}},
      {"INSERT INTO t VALUES (1)", "ROW EXCLUSIVE", {"t"}},
      {"GRANT SELECT ON t TO public", "unknown", {}},
  };
  for (const auto& c : cases) {
    INFO(c.sql);
    const auto lock = lock_taken(statement(c.sql));
    CHECK(lock.mode == c.mode);
    CHECK(lock.tables == c.tables);
  }
}

TEST_CASE("concurrent index statements must run outside a transaction and others need not", "[migrate]") {
  CHECK(needs_autocommit(statement("CREATE INDEX CONCURRENTLY i ON t (a)")));
  CHECK(needs_autocommit(statement("DROP INDEX CONCURRENTLY i")));
  CHECK(needs_autocommit(statement("VACUUM t")));
  CHECK_FALSE(needs_autocommit(statement("CREATE INDEX i ON t (a)")));
  CHECK_FALSE(needs_autocommit(statement("CREATE TABLE t (id int)")));
}

TEST_CASE("the index a concurrent build creates is known by name", "[migrate]") {
  const auto index = plumb::concurrent_index_built(statement("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a)"));
  REQUIRE(index);
  CHECK(index->schema == "s");
  CHECK(index->name == "i");
  CHECK_FALSE(plumb::concurrent_index_built(statement("CREATE INDEX i ON t (a)")));
}
