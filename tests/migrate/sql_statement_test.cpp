#include <catch2/catch.hpp>

#include "migrate/sql_statement.hpp"
#include "util/errors.hpp"

using plumb::split_sql;
using namespace std::string_literals;

TEST_CASE("statements are split as the server splits them with their file line and column", "[migrate]") {
  const std::string sql =
      "-- a comment; with a semicolon\n"
      "CREATE TABLE a (id int);\n"
      "  /* block; comment */ SELECT ';' AS semi;\n"
      "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;\n";
  const auto statements = split_sql(sql, "m.sql", 10);
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].text() == "CREATE TABLE a (id int)");
  CHECK(statements[0].where().to_string() == "m.sql:11:1");
  CHECK(statements[0].kind() == "CreateStmt");
  CHECK(statements[1].text() == "SELECT ';' AS semi");
  CHECK(statements[1].where().to_string() == "m.sql:12:24");
  CHECK(statements[2].text() == "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$");
  CHECK(statements[2].kind() == "DoStmt");
}

TEST_CASE("SQL that does not parse is refused at its file line and column with a caret", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql("SELECT 1;\nCREATE TABEL x (id int);\n", "m.sql", 5), plumb::InputError,
                       Catch::Message("m.sql:6:8: syntax error at or near \"TABEL\"\n"
                                      "    CREATE TABEL x (id int);\n"
                                      "           ^"));
}

// PostgreSQL counts its error position in characters; plumb's columns are
// bytes. Read as bytes it put this error two columns early (6, not 8).
TEST_CASE("a syntax error after non ASCII text is placed at its own line and column", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql("SELECT '\xc3\xa9t\xc3\xa9';\nCREATE TABEL x (id int);\n", "m.sql", 5), plumb::InputError,
                       Catch::Message("m.sql:6:8: syntax error at or near \"TABEL\"\n"
                                      "    CREATE TABEL x (id int);\n"
                                      "           ^"));
}

TEST_CASE("a file part with only comments has no statements", "[migrate]") {
  CHECK(split_sql("-- nothing here\n\n", "m.sql").empty());
}

// Found by bench/fuzz: libpg_query copies the bytes into its JSON tree, which
// nlohmann::json then refused with an uncaught parse_error (a crash).
TEST_CASE("SQL that is not UTF-8 is refused at its file line and column with a caret", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql("SELECT 1;\nCREATE INDEX ON v(\xd7);\n", "m.sql", 5), plumb::InputError,
                       Catch::Message("m.sql:6:19: not UTF-8: byte 0xD7 does not start or continue a character (files must be UTF-8)\n"
                                      "    CREATE INDEX ON v(?);\n"
                                      "                      ^"));
}

// The parser reads a C string: whatever followed a NUL byte was dropped
// without a word, and PostgreSQL would never have seen it either.
TEST_CASE("a NUL byte in SQL is refused rather than ending the statements there", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql("SELECT 1;\nSELECT 2;\0DROP TABLE t;\n"s, "m.sql", 5), plumb::InputError,
                       Catch::Message("m.sql:6:10: a NUL byte cannot be part of SQL (PostgreSQL would stop reading there)\n"
                                      "    SELECT 2;?DROP TABLE t;\n"
                                      "             ^"));
}

TEST_CASE("a migration of 20000 statements splits into 20000 statements with their lines", "[migrate]") {
  std::string sql;
  for (int i = 0; i < 20000; ++i) sql += "-- row " + std::to_string(i) + "\nINSERT INTO t\n  VALUES (" + std::to_string(i) + ");\n";
  const auto statements = split_sql(sql, "m.sql", 3);
  REQUIRE(statements.size() == 20000);
  CHECK(statements.front().where().to_string() == "m.sql:4:1");
  CHECK(statements.front().text() == "INSERT INTO t\n  VALUES (0)");
  CHECK(statements.back().where().to_string() == "m.sql:60001:1");
  CHECK(statements.back().text() == "INSERT INTO t\n  VALUES (19999)");
  CHECK(statements.back().kind() == "InsertStmt");
}

namespace {

// `count` one-line INSERTs of 64 bytes each (with their newline).
std::string inserts(int count) {
  std::string sql;
  for (int i = 0; i < count; ++i) {
    std::string line = "INSERT INTO t VALUES (" + std::to_string(i) + ");";
    sql += line + std::string(63 - line.size(), ' ') + "\n";
  }
  return sql;
}

}  // namespace

// The parser sees the file 256 KB at a time, cut where PostgreSQL's scanner
// ends a statement; the scanner also ends one at each ';' of a BEGIN ATOMIC
// body. 4,095 lines of 64 bytes end 64 bytes short of the first cut, which
// so falls inside the function's body.
TEST_CASE("a BEGIN ATOMIC body stays one statement where the parser's slice of the file ends inside it", "[migrate]") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += " SELECT " + std::to_string(i) + ";";
  const std::string sql =
      inserts(4095) + "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC" + body + " END;\nSELECT 1;\n";
  const auto statements = split_sql(sql, "m.sql");
  REQUIRE(statements.size() == 4097);
  CHECK(statements[4095].kind() == "CreateFunctionStmt");
  CHECK(statements[4095].where().to_string() == "m.sql:4096:1");
  CHECK(statements[4095].text() == "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC" + body + " END");
  CHECK(statements[4096].text() == "SELECT 1");
  CHECK(statements[4096].where().to_string() == "m.sql:4097:1");
}

TEST_CASE("a syntax error far into a big file is placed at its own line and column", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql(inserts(10000) + "SELECT 'é';\nCREATE TABEL x (id int);\n", "m.sql", 2),
                       plumb::InputError,
                       Catch::Message("m.sql:10003:8: syntax error at or near \"TABEL\"\n"
                                      "    CREATE TABEL x (id int);\n"
                                      "           ^"));
}

TEST_CASE("a function body left open is refused at the end of the file", "[migrate]") {
  CHECK_THROWS_MATCHES(split_sql(inserts(5000) + "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;\n" +
                                     inserts(5000),
                                 "m.sql"),
                       plumb::InputError, Catch::Message("m.sql:10002:1: syntax error at end of input"));
}

// A bulk INSERT's VALUES made trees take gigabytes, and nothing reads them.
TEST_CASE("statements that write rows keep only their table in the tree, the same table's share one, and a SELECT stays whole", "[migrate]") {
  const auto statements =
      split_sql("INSERT INTO s.t VALUES (1), (2);\nUPDATE s.t SET a = 1 WHERE b = 2;\nINSERT INTO s.t SELECT 3;\nSELECT 4;\n",
                "m.sql");
  REQUIRE(statements.size() == 4);
  const auto relation = nlohmann::json{{"schemaname", "s"}, {"relname", "t"}, {"inh", true}, {"relpersistence", "p"}};
  CHECK(statements[0].tree() == nlohmann::json{{"InsertStmt", {{"relation", relation}}}});
  CHECK(statements[1].tree() == nlohmann::json{{"UpdateStmt", {{"relation", relation}}}});
  CHECK(&statements[2].tree() == &statements[0].tree());
  CHECK(statements[3].tree().at("SelectStmt").contains("targetList"));
}

TEST_CASE("a UTF-8 byte order mark at the start of a file is not part of its first statement", "[migrate]") {
  const auto statements = split_sql("\xEF\xBB\xBF" "CREATE TABLE t (id int);\nSELECT 1;\n", "m.sql");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].text() == "CREATE TABLE t (id int)");
  CHECK(statements[0].where().to_string() == "m.sql:1:1");
  CHECK(statements[0].kind() == "CreateStmt");
}
