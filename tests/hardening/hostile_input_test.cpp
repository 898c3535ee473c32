// Hostile input given to the real binary: YAML bombs, deep nesting, invalid
// UTF-8, identifiers written to escape into SQL, huge migration files and
// odd connection strings. Each gets a clear error (exit 2) or is handled
// correctly; none crashes, hangs or runs SQL the user did not mean.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::CommandResult;
using plumb::testing::count_lines;
using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

// Nothing here should take more than a few seconds; a hang fails the test.
constexpr auto k_patience = 60s;

CommandResult check_rules(const std::string& rules, std::vector<std::string> more = {}) {
  std::vector<std::string> arguments = {"check", "--db", "host=/nonexistent dbname=never", "--rules", rules};
  arguments.insert(arguments.end(), more.begin(), more.end());
  return run_plumb(arguments, {}, "", k_patience);
}

// Ten aliases to the previous level at each of `levels` levels: 10^levels
// strings once expanded ("billion laughs").
std::string billion_laughs(int levels) {
  std::string yaml = "x-laughs:\n  - &l0 \"lol\"\n";
  for (int level = 1; level <= levels; ++level) {
    yaml += "  - &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *l" : "*l") + std::to_string(level - 1);
    yaml += "]\n";
  }
  return yaml;
}

// The table a rule names to escape into SQL, and the one it would drop.
const std::string k_escaping_table = "x\"; DROP TABLE y; --";
const std::string k_escaping_column = "a\"b'; DROP TABLE y; --";

std::string escaping_schema() {
  return "CREATE TABLE y (id int);"
         "CREATE TABLE \"x\"\"; DROP TABLE y; --\" (id int PRIMARY KEY, \"a\"\"b'; DROP TABLE y; --\" text, "
         "updated_at timestamptz NOT NULL DEFAULT now() - interval '1 day');"
         "INSERT INTO \"x\"\"; DROP TABLE y; --\" VALUES (1, NULL), (2, 'z'), (3, 'z');";
}

// A YAML double-quoted scalar holding `text`.
std::string quoted(const std::string& text) {
  std::string yaml = "\"";
  for (char c : text) yaml += c == '"' ? std::string("\\\"") : std::string(1, c);
  return yaml + "\"";
}

}  // namespace

TEST_CASE("a rules file whose aliases expand to a billion strings is refused at once", "[hardening]") {
  TempDirectory directory;
  const std::string rules = directory.write("rules.yml", billion_laughs(9) + "rules:\n  - id: r\n    check: sql\n    query: \"SELECT 1\"\n    tags: *l9\n");
  const CommandResult result = check_rules(rules);
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("plumb: " + rules + ":1:1: unknown key 'x-laughs'", 0) == 0);
}

TEST_CASE("a rules file nested a hundred thousand levels deep is refused without a crash", "[hardening]") {
  TempDirectory directory;
  for (const std::string& opener : {std::string("["), std::string("{a: "), std::string("- ")}) {
    std::string nested;
    for (int i = 0; i < 100000; ++i) nested += opener;
    const std::string rules = directory.write("rules.yml", "rules:\n  " + nested + "\n");
    const CommandResult result = check_rules(rules);
    INFO(opener << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("plumb: " + rules + ":", 0) == 0);
    CHECK(result.err.find("YAML nested too deeply") != std::string::npos);
  }
}

TEST_CASE("a rules file with invalid UTF-8 in a rule id is refused or reported in every format", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string rules =
      directory.write("rules.yml", "rules:\n  - id: \"bad\xff\xfe id\"\n    check: sql\n    query: \"SELECT 1 AS one\"\n");
  for (const std::string format : {"text", "json", "junit", "sarif", "github"}) {
    const CommandResult result =
        run_plumb({"check", "--db", database.conninfo(), "--rules", rules, "--format", format}, {}, "", k_patience);
    INFO(format << ": " << result.err);
    CHECK((result.exit_code == 1 || result.exit_code == 2));
    CHECK(count_lines(result.err) <= 3);
  }
}

TEST_CASE("a rules file with invalid UTF-8 in a query is refused before connecting", "[hardening]") {
  TempDirectory directory;
  const std::string rules =
      directory.write("rules.yml", "rules:\n  - id: bytes\n    check: sql\n    query: \"SELECT '\xc3\x28' AS bad\"\n");
  const CommandResult result = check_rules(rules);
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: " + rules + ":4:21: not UTF-8: byte 0xC3 does not start or continue a character (files must be UTF-8)\n"
                      "        query: \"SELECT '?(' AS bad\"\n"
                      "                        ^\n");
}

TEST_CASE("identifiers written to escape into SQL are quoted by every data check kind", "[db][hardening]") {
  TestDatabase database;
  database.execute(escaping_schema());
  const std::string table = quoted(k_escaping_table);
  const std::string column = quoted(k_escaping_column);
  const std::vector<std::pair<std::string, std::string>> rules = {
      {"not_null", "table: " + table + "\n    columns: [" + column + "]\n    show: [id, " + column + "]"},
      {"duplicates", "table: " + table + "\n    columns: [" + column + "]"},
      {"accepted_values", "table: " + table + "\n    column: " + column + "\n    values: [q]"},
      {"orphans", "table: " + table + "\n    column: id\n    references: " + quoted("y.id")},
      {"stale_rows", "table: " + table + "\n    where: \"true\"\n    timestamp: updated_at\n    older_than: 1h\n    show: [" + column + "]"},
  };
  TempDirectory directory;
  for (const auto& [kind, keys] : rules) {
    const std::string path = directory.write(kind + ".yml", "rules:\n  - id: r\n    check: " + kind + "\n    " + keys + "\n");
    const CommandResult result = run_plumb({"check", "--db", database.conninfo(), "--rules", path}, {}, "", k_patience);
    INFO(kind << ": " << result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("1 rules: 1 error") != std::string::npos);
    CHECK(database.query_value("SELECT to_regclass('y') IS NOT NULL") == "t");
  }
}

TEST_CASE("identifiers written to escape into SQL are quoted by inspect and migrate", "[db][hardening]") {
  TestDatabase database;
  database.execute(escaping_schema());
  const CommandResult inspect = run_plumb({"inspect", "--db", database.conninfo(), "--table", k_escaping_table});
  INFO(inspect.err);
  CHECK(inspect.exit_code == 0);
  CHECK(inspect.out.find(k_escaping_column) != std::string::npos);

  TempDirectory migrations;
  migrations.write("001_t.sql", "-- plumb:up\nCREATE TABLE t (id int);\n-- plumb:down\nDROP TABLE t;\n");
  const CommandResult up = run_plumb({"migrate", "--db", database.conninfo(), "--migrations", migrations.path(),
                                      "--history-table", "h\"; DROP TABLE y; --", "up"});
  INFO(up.err);
  CHECK(up.exit_code == 0);
  CHECK(database.query_value("SELECT count(*) FROM \"x\"\"; DROP TABLE y; --\"") == "3");
  CHECK(database.query_value("SELECT to_regclass('y') IS NOT NULL") == "t");
}

TEST_CASE("a migration of many megabytes is applied whole", "[db][hardening]") {
  TestDatabase database;
  TempDirectory migrations;
  // One INSERT of 200,000 rows (about 6 MB) and 200 small statements.
  // (Not thousands: locating each statement rescans the file from its start,
  // quadratic in the statements of a multi-megabyte file.)
  std::string sql = "-- plumb:up\nCREATE TABLE big (id int PRIMARY KEY, note text);\nINSERT INTO big VALUES ";
  for (int i = 1; i <= 200000; ++i) sql += (i > 1 ? "," : "") + std::string("(") + std::to_string(i) + ", 'row number " + std::to_string(i) + "')";
  sql += ";\n";
  for (int i = 0; i < 200; ++i) sql += "UPDATE big SET note = note WHERE id = " + std::to_string(i + 1) + ";\n";
  sql += "-- plumb:down\nDROP TABLE big;\n";
  migrations.write("001_big.sql", sql);
  const CommandResult result =
      run_plumb({"migrate", "--db", database.conninfo(), "--migrations", migrations.path(), "up"}, {}, "", 300s);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(database.query_value("SELECT count(*) FROM big") == "200000");
}

TEST_CASE("a syntax error at the end of a migration of many megabytes names its line", "[hardening]") {
  TempDirectory migrations;
  std::string sql = "-- plumb:up\n";
  for (int i = 0; i < 100000; ++i) sql += "INSERT INTO big VALUES (" + std::to_string(i) + ", 'padding padding padding');\n";
  sql += "INSERT INTO big VALUES (1,;\n-- plumb:down\nDROP TABLE big;\n";
  const std::string path = migrations.write("001_big.sql", sql);
  const CommandResult result = run_plumb({"migrate", "--db", "host=/nonexistent", "--migrations", migrations.path(), "plan"},
                                         {}, "", k_patience);
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: " + path + ":100002:27: syntax error at or near \";\"\n    INSERT INTO big VALUES (1,;\n                              ^\n");
}

TEST_CASE("a migration file of binary junk is refused", "[hardening]") {
  TempDirectory migrations;
  std::string junk(3 * 1024 * 1024, '\0');
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 7919) % 256);
  const std::string path = migrations.write("001_junk.sql", junk);
  const CommandResult result = run_plumb({"migrate", "--db", "host=/nonexistent", "--migrations", migrations.path(), "plan"},
                                         {}, "", k_patience);
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("plumb: " + path + ":", 0) == 0);
}

TEST_CASE("connection strings with odd characters get a clear error and never show the password", "[hardening]") {
  const std::vector<std::pair<std::string, int>> cases = {
      {"dbname='unterminated password=hunter2", 2},
      {"host=/nonexistent dbname=a\\'b password=hunter2", 3},
      {"postgresql://user:hunter2@/db%00name?host=/nonexistent", 2},
      {"postgresql://us%er:hunter2@/db?host=/nonexistent", 2},
      {"postgresql://user:hunter2@[::1/db", 2},
      {"host=/nonexistent dbname=\xff\xfe password=hunter2", 3},
      {"host=/nonexistent\napplication_name=x password=hunter2", 3},
  };
  for (const auto& [conninfo, expected] : cases) {
    const CommandResult result = run_plumb({"ping", "--db", conninfo}, {}, "", k_patience);
    INFO(conninfo.substr(0, 80) << " -> " << result.err);
    CHECK(result.exit_code == expected);
    CHECK(count_lines(result.err) == 1);
    CHECK(result.err.find("hunter2") == std::string::npos);
  }
}
