#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "migrate/migration_file.hpp"
#include "migrate/runner_lock.hpp"
#include "support/migrate_command.hpp"
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

const std::string k_things =
    "-- plumb:up\nCREATE TABLE things (id int PRIMARY KEY, name text);\n-- plumb:down\nDROP TABLE things;\n";

CommandResult migrate(const TestDatabase& database, const std::string& directory, std::vector<std::string> arguments) {
  return plumb::testing::run_migrate(database.conninfo(), directory, arguments);
}

std::string shipped_migrations() { return std::string(PLUMB_SOURCE_DIR) + "/migrations"; }

// Polls `sql` until it returns `expected`; fails the test after a minute
// rather than hanging the suite.
void wait_until(const TestDatabase& database, const std::string& sql, const std::string& expected) {
  for (int i = 0; i < 3000; ++i) {
    if (database.query_value(sql) == expected) return;
    std::this_thread::sleep_for(20ms);
  }
  FAIL("timed out waiting for: " << sql << " = " << expected);
}

// The pid of this test's child `plumb` process whose command line holds `marker`.
pid_t child_with_argument(const std::string& marker) {
  for (int i = 0; i < 500; ++i) {
    DIR* proc = opendir("/proc");
    while (dirent* entry = readdir(proc)) {
      const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
      if (pid <= 0) continue;
      std::ifstream status("/proc/" + std::to_string(pid) + "/stat");
      std::string comm, state;
      pid_t self = 0, parent = 0;
      status >> self >> comm >> state >> parent;
      std::ifstream cmdline_file("/proc/" + std::to_string(pid) + "/cmdline");
      const std::string cmdline((std::istreambuf_iterator<char>(cmdline_file)), std::istreambuf_iterator<char>());
      if (parent == getpid() && cmdline.find(marker) != std::string::npos) {
        closedir(proc);
        return pid;
      }
    }
    closedir(proc);
    std::this_thread::sleep_for(10ms);
  }
  return 0;
}

// An unrelated session with an open REPEATABLE READ transaction: its
// snapshot makes every concurrent index build wait for it.
std::unique_ptr<pqxx::connection> open_old_transaction(const TestDatabase& database) {
  auto connection = database.connect();
  pqxx::nontransaction session(*connection);
  session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  session.exec("SELECT count(*) FROM members");
  return connection;
}

void commit(pqxx::connection& connection) {
  pqxx::nontransaction session(connection);
  session.exec("COMMIT");
}

const std::string k_waiting_build =
    "SELECT count(*) > 0 FROM pg_stat_progress_create_index WHERE datname = current_database() "
    "AND phase = 'waiting for old snapshots'";

}  // namespace

TEST_CASE("migrate status exits 1 while migrations are pending and 0 once applied", "[db][cli][migrate]") {
  TestDatabase database;
  const auto before = migrate(database, shipped_migrations(), {"status"});
  CHECK(before.exit_code == 1);
  CHECK(before.out.find("1     reference_schema") == 0);
  CHECK(before.out.find("2 migration(s) need attention\n") != std::string::npos);
  REQUIRE(migrate(database, shipped_migrations(), {"up"}).exit_code == 0);
  const auto after = run_plumb({"--format", "json", "migrate", "status", "--db", database.conninfo(),
                                "--migrations", shipped_migrations()});
  CHECK(after.exit_code == 0);
  const auto json = nlohmann::json::parse(after.out);
  CHECK(json["history_table"] == "public.plumb_schema_migrations");
  CHECK(json["migrations"][1]["state"] == "applied");
  CHECK(json["migrations"][1]["file"]["transactional"] == false);
}

TEST_CASE("migrate plan shows each pending statement with its lock and changes nothing", "[db][cli][migrate]") {
  TestDatabase database;
  REQUIRE(migrate(database, shipped_migrations(), {"up", "--to", "1"}).exit_code == 0);
  const auto result = run_plumb({"--format", "json", "migrate", "plan", "--db", database.conninfo(),
                                 "--migrations", shipped_migrations()});
  REQUIRE(result.exit_code == 0);
  const auto plan = nlohmann::json::parse(result.out);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0]["transactional"] == false);
  CHECK(plan[0]["statements"][0]["lock"] == "SHARE UPDATE EXCLUSIVE");
  CHECK(plan[0]["statements"][0]["tables"] == nlohmann::json::array({"invitation_log_entries"}));
  CHECK(plan[0]["statements"][2]["sql"] == "DROP INDEX CONCURRENTLY IF EXISTS idx_on_invitation_type_invitation_id_6d6ef495e6");
  CHECK(database.query_value("SELECT count(*) FROM plumb_schema_migrations") == "1");
  CHECK(database.query_value("SELECT to_regclass('index_invitation_log_entries_on_batch_member_invitation') IS NULL") == "t");
}

TEST_CASE("a bad migration file exits 2 before the database is touched", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  const std::string path = directory.write("002_bad.sql", "-- plumb:up\nALTER TABLE things ADD COLUMN;\n");
  const auto result = migrate(database, directory.path(), {"up"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "plumb: " + path + ":2:30: syntax error at or near \";\"\n"
                      "    ALTER TABLE things ADD COLUMN;\n"
                      "                                 ^\n");
  CHECK(database.query_value("SELECT to_regclass('plumb_schema_migrations') IS NULL") == "t");
}

TEST_CASE("a runner that finds the lock held exits 4 at once with no wait budget", "[db][cli][migrate]") {
  TestDatabase database;
  auto holder = database.connect();
  pqxx::nontransaction hold(*holder);
  hold.exec_params("SELECT pg_advisory_lock($1)", plumb::RunnerLock::key_for("public.plumb_schema_migrations"));
  const auto result = migrate(database, shipped_migrations(), {"up", "--lock-wait", "0"});
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("plumb: another plumb migrate runner holds the migration lock (held by backend pid " +
                        std::to_string(holder->backendpid())) == 0);
  CHECK(result.err.find("waited 0s (--lock-wait)") != std::string::npos);
}

TEST_CASE("an applied file edited since is refused with both checksums", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string path = directory.write("001_things.sql", k_things);
  REQUIRE(migrate(database, directory.path(), {"up"}).exit_code == 0);
  const std::string applied = database.query_value("SELECT checksum FROM plumb_schema_migrations");
  directory.write("001_things.sql", k_things + "-- an innocent comment\n");
  for (const std::string action : {"validate", "up"}) {
    const auto result = migrate(database, directory.path(), {action});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(path + ": version 1 was edited after it was applied (applied checksum " + applied +
                          ", file checksum ") != std::string::npos);
  }
}

TEST_CASE("an out of order file is refused unless allowed", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("002_things.sql", k_things);
  REQUIRE(migrate(database, directory.path(), {"up"}).exit_code == 0);
  directory.write("001_early.sql", "-- plumb:up\nCREATE TABLE early (id int);\n");
  const auto refused = migrate(database, directory.path(), {"up"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("version 1 is pending but lower than an applied version") != std::string::npos);
  const auto allowed = migrate(database, directory.path(), {"up", "--allow-out-of-order"});
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.out.find("applied  001_early in ") == 0);
  CHECK(database.query_value("SELECT to_regclass('early') IS NOT NULL") == "t");
}

TEST_CASE("a database newer than the checkout is refused", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  directory.write("002_more.sql", "-- plumb:up\nCREATE TABLE more (id int);\n");
  REQUIRE(migrate(database, directory.path(), {"up"}).exit_code == 0);
  std::remove((directory.path() + "/002_more.sql").c_str());
  const auto result = migrate(database, directory.path(), {"validate"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("version 2 (more) is applied in the database but has no file in this checkout") != std::string::npos);
  CHECK(migrate(database, directory.path(), {"status"}).out.find("missing file") != std::string::npos);
}

TEST_CASE("a multi statement no-transaction migration sends each statement on its own", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  directory.write("002_indexes.sql",
                  "-- plumb:no-transaction\n-- plumb:up\n"
                  "CREATE INDEX CONCURRENTLY things_name ON things (name);\n"
                  "CREATE UNIQUE INDEX CONCURRENTLY things_id_name ON things (id, name);\n"
                  "-- plumb:down\nDROP INDEX CONCURRENTLY things_id_name;\nDROP INDEX CONCURRENTLY things_name;\n");
  const auto up = migrate(database, directory.path(), {"up"});
  CHECK(up.exit_code == 0);
  CHECK(up.out.find("applied  002_indexes in ") != std::string::npos);
  CHECK(database.query_value("SELECT count(*) FROM pg_indexes WHERE tablename = 'things'") == "3");
  CHECK(migrate(database, directory.path(), {"down"}).exit_code == 0);
  CHECK(database.query_value("SELECT count(*) FROM pg_indexes WHERE tablename = 'things'") == "1");
}

TEST_CASE("a runner killed during a concurrent build is finished by the next up with no INVALID index", "[db][cli][migrate]") {
  TestDatabase database;
  REQUIRE(migrate(database, shipped_migrations(), {"up", "--to", "1"}).exit_code == 0);
  auto old = open_old_transaction(database);
  auto killed = std::async(std::launch::async, [&] {
    return migrate(database, shipped_migrations(), {"up", "--lock-timeout", "10m"});
  });
  wait_until(database, k_waiting_build, "t");
  const pid_t runner = child_with_argument(database.conninfo());
  REQUIRE(runner > 0);
  kill(runner, SIGKILL);
  CHECK(killed.get().exit_code == 128 + SIGKILL);
  // The server notices the dead client and stops the build, leaving it INVALID.
  wait_until(database, "SELECT count(*) FROM pg_stat_progress_create_index WHERE datname = current_database()", "0");
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "1");
  commit(*old);

  const auto rerun = migrate(database, shipped_migrations(), {"up"});
  CHECK(rerun.exit_code == 0);
  CHECK(rerun.err.find("dropping INVALID index index_invitation_log_entries_on_batch_member_invitation") != std::string::npos);
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
  CHECK(database.query_value("SELECT string_agg(version::text, ',' ORDER BY version) FROM plumb_schema_migrations") == "1,2");
}

TEST_CASE("two runners started at once apply each migration exactly once without deadlock", "[db][cli][migrate]") {
  TestDatabase database;
  REQUIRE(migrate(database, shipped_migrations(), {"up", "--to", "1"}).exit_code == 0);
  auto old = open_old_transaction(database);
  const std::vector<std::string> up = {"up", "--lock-wait", "5m", "--lock-timeout", "10m"};
  auto first = std::async(std::launch::async, [&] { return migrate(database, shipped_migrations(), up); });
  auto second = std::async(std::launch::async, [&] { return migrate(database, shipped_migrations(), up); });
  // One runner builds the index and waits for the old transaction; the
  // other waits for the runner lock outside any transaction.
  wait_until(database, k_waiting_build, "t");
  commit(*old);
  const auto a = first.get(), b = second.get();
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  const std::string outputs = a.out + b.out;
  CHECK(outputs.find("applied  002_batch_scoped_unique_entries") != std::string::npos);
  CHECK(outputs.find("nothing to apply: up to date\n") != std::string::npos);
  CHECK(database.query_value("SELECT count(*) FROM plumb_schema_migrations WHERE version = 2") == "1");
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
}

TEST_CASE("an index built inside a transaction is named by its table in the progress lines", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  // An expression that sleeps 50 ms per row: each build below runs a second,
  // long enough for the watcher, which polls every 100 ms, to see it.
  const std::string slow_table =
      "CREATE TABLE things (id int PRIMARY KEY);\n"
      "INSERT INTO things SELECT generate_series(1, 20);\n"
      "CREATE FUNCTION slow_id(i int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS\n"
      "  $$ BEGIN PERFORM pg_sleep(0.05); RETURN i; END $$;\n";
  directory.write("001_things.sql", "-- plumb:up\n" + slow_table);
  directory.write("002_index.sql", "-- plumb:up\nCREATE INDEX things_slow_id ON things (slow_id(id));\n");
  // The watcher cannot see a table its own migration's transaction created.
  directory.write("003_more.sql", "-- plumb:up\nCREATE SCHEMA more;\nSET LOCAL search_path = more;\n" + slow_table +
                                      "CREATE INDEX things_slow_id ON things (slow_id(id));\n");
  const auto result = migrate(database, directory.path(), {"up"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("applying 002_index\n  index on things: building index: scanning table") != std::string::npos);
  CHECK(result.err.find("applying 003_more\n  index on a table this migration created: building index: scanning table") !=
        std::string::npos);
}

TEST_CASE("a run whose third of three migrations fails reports two applied and one failed in every format, exit 3",
          "[db][cli][migrate]") {
  for (const std::string format : {"text", "json"}) {
    INFO(format);
    TestDatabase database;
    TempDirectory directory;
    directory.write("001_things.sql", k_things);
    directory.write("002_more.sql", "-- plumb:up\nCREATE TABLE more (id int);\n");
    const std::string path = directory.write("003_broken.sql", "-- plumb:up\nSELECT 1 / 0;\n");
    const auto result = migrate(database, directory.path(), {"--format", format, "up"});
    CHECK(result.exit_code == 3);
    const std::string error = "003_broken (up) failed at " + path + ":2:1: division by zero (rolled back: nothing of it was applied)";
    CHECK(result.err.find("plumb: " + error + "\n") != std::string::npos);
    if (format == "text") {
      CHECK(result.out.find("applied  001_things in ") == 0);
      CHECK(result.out.find("\napplied  002_more in ") != std::string::npos);
      CHECK(result.out.find("\nfailed   003_broken after ") != std::string::npos);
      CHECK(result.out.find(" ms: " + error + "\n") != std::string::npos);
      continue;
    }
    const auto json = nlohmann::json::parse(result.out);
    REQUIRE(json["migrations"].size() == 3);
    std::vector<std::string> outcomes;
    for (const auto& step : json["migrations"]) outcomes.push_back(step["outcome"]);
    CHECK(outcomes == std::vector<std::string>{"applied", "applied", "failed"});
    CHECK(json["migrations"][0]["version"] == 1);
    CHECK(json["migrations"][0]["name"] == "things");
    CHECK(json["migrations"][0]["error"].is_null());
    CHECK(json["migrations"][0]["seconds"].is_number());
    CHECK(json["migrations"][2]["error"] == error);
  }
}

TEST_CASE("baseline adopts a database built by hand and up then applies only what comes after", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  directory.write("002_more.sql", "-- plumb:up\nCREATE TABLE more (id int);\n");
  database.execute("CREATE TABLE things (id int PRIMARY KEY, name text)");  // migration 1's SQL, by hand
  const auto baseline = migrate(database, directory.path(), {"baseline", "--version", "1", "--description", "adopted"});
  INFO(baseline.err);
  CHECK(baseline.exit_code == 0);
  CHECK(baseline.out == "baselined 001_things\n1 migration(s) recorded as baselined, none run; "
                        "`plumb migrate up` applies the ones after version 1\n");
  const auto status = migrate(database, directory.path(), {"status"});
  CHECK(status.out.find("1     things                                    baselined") == 0);
  CHECK(status.out.find("reason: adopted") != std::string::npos);
  const auto up = migrate(database, directory.path(), {"up"});
  CHECK(up.exit_code == 0);
  CHECK(up.out.find("applied  002_more in ") == 0);
  CHECK(count_lines(up.out) == 1);
  CHECK(migrate(database, directory.path(), {"validate"}).exit_code == 0);
  const auto again = migrate(database, directory.path(), {"baseline", "--version", "2"});
  CHECK(again.exit_code == 2);
  CHECK(again.err == "plumb: the history already has 2 entries: baseline is for a database plumb has not migrated yet "
                     "(--force replaces baselined and failed entries, never applied ones)\n");
}

TEST_CASE("repair accepts an edited applied file with a reason and keeps the old checksum", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  REQUIRE(migrate(database, directory.path(), {"up"}).exit_code == 0);
  const std::string old_checksum = database.query_value("SELECT checksum FROM plumb_schema_migrations");
  directory.write("001_things.sql", k_things + "-- the down part drops the table\n");
  REQUIRE(migrate(database, directory.path(), {"validate"}).exit_code == 2);
  const std::string new_checksum = plumb::load_migrations(directory.path())[0].checksum;
  const auto dry_run = migrate(database, directory.path(), {"repair"});
  CHECK(dry_run.exit_code == 0);
  CHECK(dry_run.out == "version 1 (things): checksum " + old_checksum + " -> " + new_checksum +
                           "\ndry run: nothing written; run with --apply --reason TEXT to record these changes\n");
  CHECK(database.query_value("SELECT checksum FROM plumb_schema_migrations") == old_checksum);
  const auto no_reason = migrate(database, directory.path(), {"repair", "--apply"});
  CHECK(no_reason.exit_code == 2);
  CHECK(no_reason.err == "plumb: migrate repair --apply needs --reason TEXT: why the applied files changed (kept in the history)\n");
  const auto applied = migrate(database, directory.path(), {"repair", "--apply", "--reason", "documented the down part"});
  CHECK(applied.exit_code == 0);
  CHECK(applied.out.find("repaired 1 entry\n") != std::string::npos);
  CHECK(migrate(database, directory.path(), {"validate"}).exit_code == 0);
  CHECK(database.query_value("SELECT outcome || ' ' || previous_checksum || ' ' || checksum || ' ' || reason "
                             "FROM plumb_schema_migrations") ==
        "repaired " + old_checksum + " " + new_checksum + " documented the down part");
}

TEST_CASE("a renamed applied file is reported by validate and repair records the new name", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  REQUIRE(migrate(database, directory.path(), {"up"}).exit_code == 0);
  std::rename((directory.path() + "/001_things.sql").c_str(), (directory.path() + "/001_create_things.sql").c_str());
  const auto validate = migrate(database, directory.path(), {"validate"});
  CHECK(validate.exit_code == 2);
  CHECK(validate.err.find("version 1 was applied as 'things' and its file is now named 'create_things' (same content)") !=
        std::string::npos);
  REQUIRE(migrate(database, directory.path(), {"repair", "--apply", "--reason", "clearer name"}).exit_code == 0);
  CHECK(migrate(database, directory.path(), {"validate"}).exit_code == 0);
  CHECK(database.query_value("SELECT name FROM plumb_schema_migrations") == "create_things");
}

TEST_CASE("migrate new creates the folder's next file and up applies it once filled in", "[db][cli][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_things);
  const auto created = run_plumb({"migrate", "--migrations", directory.path(), "new", "add_x"});
  CHECK(created.exit_code == 0);
  CHECK(created.out == directory.path() + "/002_add_x.sql\n");
  std::string text = directory.read("002_add_x.sql");
  text.replace(text.find("-- plumb:up\n") + 12, 0, "ALTER TABLE things ADD COLUMN x int;\n");
  directory.write("002_add_x.sql", text);
  const auto up = migrate(database, directory.path(), {"up"});
  CHECK(up.exit_code == 0);
  CHECK(up.out.find("applied  002_add_x in ") != std::string::npos);
  CHECK(database.query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'x'") == "1");
  const auto concurrent = run_plumb({"migrate", "--migrations", directory.path(), "new", "index_x", "--concurrent-index"});
  CHECK(concurrent.out == directory.path() + "/003_index_x.sql\n");
  CHECK(directory.read("003_index_x.sql").find("-- plumb:no-transaction\n") != std::string::npos);
}

TEST_CASE("option values that are not numbers are named with the value, exit 2", "[cli][migrate]") {
  struct Case {
    std::vector<std::string> arguments;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"up", "--to", "abc"}, "plumb: --to expects a version number, got 'abc'\n"},
      {{"down", "--to", "-1"}, "plumb: --to expects a version number, got '-1'\n"},
      {{"--retries", "many", "up"}, "plumb: --retries expects a whole number, got 'many'\n"},
      {{"baseline", "--version", "v1"}, "plumb: --version expects a version number, got 'v1'\n"},
  };
  for (const auto& c : cases) {
    INFO(c.error);
    const auto result = plumb::testing::run_migrate("host=/nonexistent", shipped_migrations(), c.arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.err == c.error);
  }
}
