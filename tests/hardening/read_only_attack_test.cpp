// Attacks on the promise that check and the sweep's dry run only ever read,
// as data: each case is a rules file an attacker could put in a pull
// request, what plumb must answer, and what must not change in the database
// (its relations, the rows of bans and members, its large objects, another
// session). Every case checks all of these before and after.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::CommandResult;
using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

const std::string k_injection = "true) GROUP BY member_id; COMMIT; CREATE TABLE pwned(x int); DELETE FROM bans; --";

const char* const k_schema =
    "CREATE TABLE members (id int PRIMARY KEY, name text);"
    "CREATE TABLE bans (id int PRIMARY KEY, member_id int, reason text, status text NOT NULL,"
    "                   updated_at timestamptz NOT NULL DEFAULT now() - interval '2 days');"
    "INSERT INTO members VALUES (1, 'ann'), (2, 'bob');"
    "INSERT INTO bans VALUES (1, 1, 'spam', 'running'), (2, 1, 'spam', 'running'), (3, 9, NULL, 'running');";

// What an attack must leave as it was.
struct DatabaseState {
  std::string relations;      // every relation of the public schema, by name
  std::string rows;           // a digest of every row of bans and members
  std::string large_objects;  // how many large objects exist
  bool operator==(const DatabaseState& other) const {
    return relations == other.relations && rows == other.rows && large_objects == other.large_objects;
  }
};

DatabaseState state_of(const TestDatabase& database) {
  return {database.query_value("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
                               "WHERE relnamespace = 'public'::regnamespace"),
          database.query_value("SELECT md5((SELECT string_agg(b::text, ';' ORDER BY id) FROM bans b) || '|' || "
                               "(SELECT string_agg(m::text, ';' ORDER BY id) FROM members m))"),
          database.query_value("SELECT count(*) FROM pg_largeobject_metadata")};
}

struct Attack {
  const char* name;
  std::string command;  // "check" or "sweep" (a dry run)
  std::string rule;     // the rule's keys after id, one per line, indented by four
  std::string error;    // stderr after "plumb: <rules file>:"
};

std::string rules_file(const std::string& rule) { return "rules:\n  - id: r\n" + rule; }

CommandResult run_attack(const Attack& attack, const std::string& path, const std::string& conninfo,
                         std::vector<std::string> more = {}) {
  std::vector<std::string> arguments = {attack.command, "--db", conninfo, "--rules", path};
  arguments.insert(arguments.end(), more.begin(), more.end());
  return run_plumb(arguments, {}, "", 60s);
}

std::string where_error() {
  return "4:12: rule 'r': 'where' must be one SQL condition: it holds more than one statement (a ';')\n";
}

// The incident's `where` in every data kind, and in the sweep's dry run.
std::vector<Attack> where_injections() {
  const std::string where = "    where: \"" + k_injection + "\"\n";
  return {
      {"duplicates", "check", "    check: duplicates\n" + where + "    table: bans\n    columns: [member_id]\n", where_error()},
      {"orphans", "check", "    check: orphans\n" + where + "    table: bans\n    column: member_id\n    references: members.id\n",
       where_error()},
      {"not_null", "check", "    check: not_null\n" + where + "    table: bans\n    columns: [reason]\n", where_error()},
      {"accepted_values", "check", "    check: accepted_values\n" + where + "    table: bans\n    column: status\n    values: [failed]\n",
       where_error()},
      {"stale_rows", "check", "    check: stale_rows\n" + where + "    table: bans\n    timestamp: updated_at\n    older_than: 1h\n",
       where_error()},
      {"stale_rows under sweep", "sweep",
       "    check: stale_rows\n" + where + "    table: bans\n    timestamp: updated_at\n    older_than: 1h\n"
       "    sweep: {set: {status: failed}}\n",
       where_error()},
  };
}

}  // namespace

TEST_CASE("the where injection is refused before connecting in every data kind and under sweep, the database unchanged",
          "[db][hardening]") {
  TestDatabase database;
  database.execute(k_schema);
  const DatabaseState before = state_of(database);
  TempDirectory directory;
  for (const auto& attack : where_injections()) {
    const std::string path = directory.write("rules.yml", rules_file(attack.rule));
    const CommandResult result = run_attack(attack, path, database.conninfo());
    INFO(attack.name << ": " << result.out << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("plumb: " + path + ":" + attack.error, 0) == 0);
    CHECK(result.out.empty());
    CHECK(state_of(database) == before);
    // The same answer where no server exists proves nothing was sent.
    const CommandResult unconnected = run_attack(attack, path, "host=/nonexistent dbname=never");
    CHECK(unconnected.exit_code == 2);
    CHECK(unconnected.err == result.err);
  }
  CHECK(database.query_value("SELECT to_regclass('pwned') IS NULL") == "t");
  CHECK(database.query_value("SELECT count(*) FROM bans") == "3");
}

TEST_CASE("sql rules calling functions with side effects are refused: no large object, no session killed, no file read",
          "[db][hardening]") {
  TestDatabase database;
  database.execute(k_schema);
  // The session an attacker would end, and the file an attacker would read.
  auto victim = database.connect();
  const std::string victim_pid = std::to_string(victim->backendpid());
  const std::string pid_file = database.query_value("SELECT pg_read_file('postmaster.pid')");
  const std::string data_directory = pid_file.substr(pid_file.find('\n') + 1, pid_file.find('\n', pid_file.find('\n') + 1) - pid_file.find('\n') - 1);
  REQUIRE(data_directory.size() > 1);
  const DatabaseState before = state_of(database);

  const std::string refused = ", a volatile function: it may change the database or act outside the rule's transaction, "
                              "so plumb does not run it\n";
  const std::vector<Attack> attacks = {
      {"lo_from_bytea", "check", "    check: sql\n    query: \"SELECT lo_from_bytea(0, 'x') AS lo\"\n",
       "4:12: rule 'r': 'query' calls lo_from_bytea()" + refused},
      {"pg_terminate_backend", "check", "    check: sql\n    query: \"SELECT pg_terminate_backend(" + victim_pid + ") AS gone\"\n",
       "4:12: rule 'r': 'query' calls pg_terminate_backend()" + refused},
      {"pg_read_file", "check", "    check: sql\n    query: \"SELECT pg_read_file('postmaster.pid') AS content\"\n",
       "4:12: rule 'r': 'query' calls pg_read_file()" + refused},
      {"pg_read_file, qualified and upper case, in a lateral call", "check",
       "    check: sql\n    query: \"SELECT c FROM bans, LATERAL PG_CATALOG.PG_READ_FILE('postmaster.pid') AS c\"\n",
       "4:12: rule 'r': 'query' calls pg_catalog.pg_read_file()" + refused},
      {"lo_from_bytea in a data kind's subquery", "check",
       "    check: not_null\n    where: \"EXISTS (SELECT lo_from_bytea(0, 'x'))\"\n    table: bans\n    columns: [reason]\n",
       "4:12: rule 'r': 'where' calls lo_from_bytea()" + refused},
      {"pg_terminate_backend in the sweep's where", "sweep",
       "    check: stale_rows\n    where: \"pg_terminate_backend(" + victim_pid + ")\"\n    table: bans\n"
       "    timestamp: updated_at\n    older_than: 1h\n    sweep: {set: {status: failed}}\n",
       "4:12: rule 'r': 'where' calls pg_terminate_backend()" + refused},
  };
  TempDirectory directory;
  for (const auto& attack : attacks) {
    const std::string path = directory.write("rules.yml", rules_file(attack.rule));
    for (const std::string format : {"text", "json"}) {
      const CommandResult result = run_attack(attack, path, database.conninfo(), {"--format", format});
      INFO(attack.name << " (" << format << "): " << result.out << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.err.find("plumb: " + path + ":" + attack.error) != std::string::npos);
      CHECK(result.out.find(data_directory) == std::string::npos);
      CHECK(result.err.find(data_directory) == std::string::npos);
      CHECK(state_of(database) == before);
      CHECK(victim->is_open());
    }
  }
  pqxx::nontransaction alive(*victim);
  CHECK(alive.exec1("SELECT 1")[0].as<int>() == 1);
}

TEST_CASE("functions that act outside the transaction cannot be allowed with --allow-volatile", "[hardening]") {
  TempDirectory directory;
  const std::string path = directory.write("rules.yml", rules_file("    check: sql\n    query: \"SELECT lo_from_bytea(0, 'x')\"\n"));
  for (const std::string command : {"check", "sweep"})
    for (const std::string name : {"lo_from_bytea", "pg_terminate_backend", "pg_read_file", "set_config",
                                   "pg_advisory_lock", "dblink_exec"}) {
      const CommandResult result =
          run_plumb({command, "--db", "host=/nonexistent dbname=never", "--rules", path, "--allow-volatile", name}, {}, "", 60s);
      INFO(command << " " << name << ": " << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.err.rfind("plumb: --allow-volatile " + name + ": this function acts outside the rule's transaction", 0) == 0);
    }
}
