// Faults of the server under a running plumb: the server crashes
// (`pg_ctl stop -m immediate`) or plumb's backend is terminated in the
// middle of a statement. plumb must exit 3 with one line, and a re-run after
// the fault must finish the job with nothing recorded twice or lost. Each
// test runs a PostgreSQL of its own, so crashing it leaves the shared one be.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <chrono>
#include <future>
#include <thread>

#include "db/connection_settings.hpp"
#include "support/migrate_command.hpp"
#include "support/private_server.hpp"
#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/standby_server.hpp"
#include "support/temp_directory.hpp"

using namespace std::chrono_literals;
using plumb::testing::CommandResult;
using plumb::testing::migrate_command;
using plumb::testing::PrivateServer;
using plumb::testing::run_migrate;
using plumb::testing::run_plumb;
using plumb::testing::superuser_warning;
using plumb::testing::TempDirectory;

namespace {

// A rule whose query sleeps for `delay.seconds` before it returns the bad
// things, so a test can strike while it runs and re-run it quickly after.
const std::string k_slow_rules =
    "rules:\n"
    "  - id: no-bad-things\n"
    "    check: sql\n"
    "    query: \"SELECT t.id FROM things t, (SELECT pg_sleep(seconds) FROM delay) pause WHERE t.bad\"\n";

const std::string k_things_and_delay =
    "CREATE TABLE things (id int PRIMARY KEY, name text, bad boolean NOT NULL DEFAULT false);"
    "INSERT INTO things SELECT i, 'thing ' || i, i = 7 FROM generate_series(1, 20000) i;"
    "CREATE TABLE delay (seconds float NOT NULL); INSERT INTO delay VALUES (60);";

// Migration 1 makes the table; migration 2 builds an index on it online.
void write_migrations(const TempDirectory& directory) {
  directory.write("001_things.sql", "-- plumb:up\n" + k_things_and_delay + "\n-- plumb:down\nDROP TABLE things, delay;\n");
  directory.write("002_things_name.sql",
                  "-- plumb:no-transaction\n-- plumb:up\nCREATE INDEX CONCURRENTLY things_name ON things (name);\n"
                  "-- plumb:down\nDROP INDEX CONCURRENTLY things_name;\n");
}

// Waits until one of plumb's backends (application_name plumb) runs a
// statement that starts with `prefix` (and, when given, waits on
// `wait_event_type`); returns its pid. Fails the test after a minute rather
// than hang.
int wait_for_statement(const PrivateServer& server, const std::string& prefix, const std::string& wait_event_type = "") {
  for (int i = 0; i < 3000; ++i) {
    pqxx::connection connection(server.conninfo());
    pqxx::work work(connection);
    const auto rows = work.exec_params(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'plumb' AND state = 'active' "
        "AND query LIKE $1 || '%' AND ($2 = '' OR wait_event_type = $2)",
        prefix, wait_event_type);
    if (!rows.empty()) return rows[0][0].as<int>();
    std::this_thread::sleep_for(20ms);
  }
  FAIL("no backend ran a statement starting with: " << prefix);
  return 0;
}

void terminate_backend(const PrivateServer& server, int pid) {
  pqxx::connection connection(server.conninfo());
  pqxx::nontransaction work(connection);
  REQUIRE(work.exec_params1("SELECT pg_terminate_backend($1)", pid)[0].as<bool>());
}

// Writes the two migrations, applies the first, and opens an unrelated
// session with an open snapshot: the concurrent index build of the second
// must wait for it, which holds plumb in the middle of `migrate up`.
std::unique_ptr<pqxx::connection> hold_index_build(const PrivateServer& server, const TempDirectory& migrations) {
  write_migrations(migrations);
  REQUIRE(run_migrate(server.conninfo(), migrations.path(), {"up", "--to", "1"}).exit_code == 0);
  auto connection = std::make_unique<pqxx::connection>(server.conninfo());
  pqxx::nontransaction session(*connection);
  session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  session.exec("SELECT count(*) FROM things");
  return connection;
}

std::future<CommandResult> start_plumb(std::vector<std::string> arguments) {
  return std::async(std::launch::async, [arguments] { return run_plumb(arguments); });
}

std::vector<std::string> check_command(const PrivateServer& server, const std::string& rules) {
  return {"check", "--db", server.conninfo(), "--rules", rules};
}

std::vector<std::string> migrate_up(const PrivateServer& server, const TempDirectory& migrations) {
  return migrate_command(server.conninfo(), migrations.path(), {"up"});
}

// The versions in the history table, in order, each as often as recorded.
std::string recorded_versions(const PrivateServer& server) {
  return server.query_value("SELECT string_agg(version::text, ',' ORDER BY version) FROM plumb_schema_migrations");
}

std::string invalid_indexes(const PrivateServer& server) {
  return server.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready");
}

// After a fault left migration 2's index INVALID and only version 1
// recorded: a re-run of migrate up repairs the build and records 2 once.
void require_rerun_finishes_the_build(const PrivateServer& server, const TempDirectory& migrations) {
  REQUIRE(invalid_indexes(server) == "1");  // the fault did strike mid-build
  CHECK(recorded_versions(server) == "1");
  const CommandResult rerun = run_plumb(migrate_up(server, migrations));
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(recorded_versions(server) == "1,2");
  CHECK(invalid_indexes(server) == "0");
}

// The incident's data (batch 28 stuck) and 40 more batches stuck in running
// for other workshops, with two triggers of the test's own on the swept
// table: one records every committed change of a row, so a row moved twice
// shows; the other makes the sweep's UPDATE sleep for sweep_pause.seconds
// after it has changed every row, so a fault strikes with all of them
// changed and none committed.
const std::string k_stuck_batches_and_pause =
    "INSERT INTO invitation_logs (loggable_type, loggable_id, audience, status, started_at, created_at, updated_at)"
    "  SELECT 'Workshop', 5000 + i, 'students', 'running', t, t, t"
    "  FROM generate_series(1, 40) i, (SELECT timestamp '2026-04-10 09:00' AS t) s;"
    "CREATE TABLE sweep_pause (seconds float NOT NULL); INSERT INTO sweep_pause VALUES (300);"
    "CREATE TABLE sweep_moves (id bigint NOT NULL);"
    "CREATE FUNCTION record_move() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$ BEGIN INSERT INTO sweep_moves VALUES (NEW.id); RETURN NULL; END $$;"
    "CREATE FUNCTION pause_sweep() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$ BEGIN PERFORM pg_sleep(seconds) FROM sweep_pause; RETURN NULL; END $$;"
    "CREATE TRIGGER record_move AFTER UPDATE ON invitation_logs FOR EACH ROW EXECUTE FUNCTION record_move();"
    "CREATE TRIGGER pause_sweep AFTER UPDATE ON invitation_logs FOR EACH STATEMENT EXECUTE FUNCTION pause_sweep();";

const std::string k_stuck = "41";  // batch 28 and the 40 above

void load_stuck_batches(const PrivateServer& server) {
  plumb::testing::load_incident_at_migration_1(server.conninfo());
  server.execute(k_stuck_batches_and_pause);
}

// The server's connection string with a password (trust ignores it), which
// no message may show.
std::string sweep_conninfo(const PrivateServer& server) { return server.conninfo() + " password=s3cret"; }

std::vector<std::string> sweep_command(const PrivateServer& server, const std::string& flag = "") {
  std::vector<std::string> arguments = {"sweep", "--db", sweep_conninfo(server), "--rules",
                                        std::string(PLUMB_SOURCE_DIR) + "/rules/reference-data.yml"};
  if (!flag.empty()) arguments.push_back(flag);
  return arguments;
}

// The sweep's UPDATE has changed every row and sleeps in pause_sweep.
int wait_for_sweep_update(const PrivateServer& server) { return wait_for_statement(server, "UPDATE", "Timeout"); }

// After a fault hit the sweep: nothing moved (the update was all or
// nothing); a dry run lists every stuck row; --apply moves each once; a
// second --apply moves none.
void require_sweep_completes_once(const PrivateServer& server) {
  server.execute("UPDATE sweep_pause SET seconds = 0");
  CHECK(server.query_value("SELECT count(*) FROM sweep_moves") == "0");
  CHECK(server.query_value("SELECT count(*) FROM invitation_logs WHERE status = 'running'") == k_stuck);

  const CommandResult dry_run = run_plumb(sweep_command(server));
  INFO(dry_run.err);
  CHECK(dry_run.exit_code == 1);
  CHECK(dry_run.out.find(k_stuck + " row(s) of invitation_logs where status = 'running'") != std::string::npos);

  const CommandResult applied = run_plumb(sweep_command(server, "--apply"));
  INFO(applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(applied.out.find("moved " + k_stuck + " row(s) of invitation_logs") != std::string::npos);
  CHECK(server.query_value("SELECT count(*) || ' ' || count(DISTINCT id) FROM sweep_moves") == k_stuck + " " + k_stuck);
  const std::string moved_rows =
      "SELECT count(*) || ' ' || count(DISTINCT completed_at) FROM invitation_logs WHERE status = 'failed'"
      " AND error_message = 'stuck in running; moved by plumb sweep' AND completed_at IS NOT NULL";
  CHECK(server.query_value(moved_rows) == k_stuck + " 1");  // one statement, one now()

  const CommandResult again = run_plumb(sweep_command(server, "--apply"));
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("moved") == std::string::npos);
  CHECK(server.query_value("SELECT count(*) FROM sweep_moves") == k_stuck);
  CHECK(server.query_value(moved_rows) == k_stuck + " 1");
}

// What plumb says when the server goes away under `command` run with
// `--db conninfo`: where, during what, and what to do; the password masked.
std::string lost_connection(const std::string& conninfo, const std::string& command) {
  return "plumb: lost the connection to the server (" +
         plumb::ConnectionSettings::from_string(conninfo, "--db").describe() + ") during plumb " + command +
         ": the server closed it unexpectedly; run the command again once the server accepts connections\n";
}

// Exit 3 and `line` the one error line, the last: progress lines may come
// before it.
void require_last_line(const CommandResult& result, const std::string& line) {
  INFO(result.err);
  REQUIRE(result.exit_code == 3);
  REQUIRE(result.err.size() >= line.size());
  CHECK(result.err.compare(result.err.size() - line.size(), line.size(), line) == 0);
  CHECK(result.err.find("plumb: ") == result.err.size() - line.size());
}

// Exit 3 and `line` all of stderr.
void require_only_line(const CommandResult& result, const std::string& line) {
  CHECK(result.exit_code == 3);
  CHECK(result.err == line);
}

}  // namespace

TEST_CASE("a server crash during check exits 3 with one line and a re-run after restart reports the findings",
          "[db][hardening]") {
  PrivateServer server;
  server.execute(k_things_and_delay);
  TempDirectory directory;
  const std::string rules = directory.write("rules.yml", k_slow_rules);

  auto running = start_plumb(check_command(server, rules));
  wait_for_statement(server, "WITH plumb_violations");
  server.crash();
  require_only_line(running.get(), superuser_warning() + lost_connection(server.conninfo(), "check"));

  server.restart();
  server.execute("UPDATE delay SET seconds = 0");
  const CommandResult rerun = run_plumb(check_command(server, rules));
  INFO(rerun.err);
  CHECK(rerun.exit_code == 1);
  CHECK(rerun.out.find("[no-bad-things]") != std::string::npos);
}

TEST_CASE("check whose backend is terminated mid statement exits 3 with one line", "[db][hardening]") {
  PrivateServer server;
  server.execute(k_things_and_delay);
  TempDirectory directory;
  const std::string rules = directory.write("rules.yml", k_slow_rules);

  auto running = start_plumb(check_command(server, rules));
  terminate_backend(server, wait_for_statement(server, "WITH plumb_violations"));
  require_only_line(running.get(), superuser_warning() + lost_connection(server.conninfo(), "check"));

  server.execute("UPDATE delay SET seconds = 0");
  CHECK(run_plumb(check_command(server, rules)).exit_code == 1);
}

TEST_CASE("a server crash during an online index build exits 3 and a re-run after restart leaves each version once and no INVALID index",
          "[db][hardening]") {
  PrivateServer server;
  TempDirectory migrations;
  auto old_snapshot = hold_index_build(server, migrations);

  auto running = start_plumb(migrate_up(server, migrations));
  // The build waits for the old snapshot once the index exists but is not yet valid.
  wait_for_statement(server, "CREATE INDEX CONCURRENTLY", "Lock");
  server.crash();
  require_last_line(running.get(), lost_connection(server.conninfo(), "migrate up"));

  server.restart();
  require_rerun_finishes_the_build(server, migrations);
  CHECK(server.query_value("SELECT count(*) FROM pg_indexes WHERE indexname = 'things_name'") == "1");
}

TEST_CASE("migrate up whose backend is terminated mid index build exits 3 and a re-run leaves each version once and no INVALID index",
          "[db][hardening]") {
  PrivateServer server;
  TempDirectory migrations;
  auto old_snapshot = hold_index_build(server, migrations);

  auto running = start_plumb(migrate_up(server, migrations));
  terminate_backend(server, wait_for_statement(server, "CREATE INDEX CONCURRENTLY", "Lock"));
  require_last_line(running.get(), lost_connection(server.conninfo(), "migrate up"));
  old_snapshot.reset();
  require_rerun_finishes_the_build(server, migrations);
}

TEST_CASE("a server crash during sweep --apply exits 3 and after restart the sweep moves every stuck row exactly once",
          "[db][hardening]") {
  PrivateServer server;
  load_stuck_batches(server);

  auto running = start_plumb(sweep_command(server, "--apply"));
  wait_for_sweep_update(server);
  server.crash();
  const CommandResult failed = running.get();
  require_last_line(failed, lost_connection(sweep_conninfo(server), "sweep"));
  CHECK(failed.err.find("password=**** port=") != std::string::npos);

  server.restart();
  require_sweep_completes_once(server);
}

TEST_CASE("sweep --apply whose backend is terminated mid update exits 3 and a re-run moves every stuck row exactly once",
          "[db][hardening]") {
  PrivateServer server;
  load_stuck_batches(server);

  auto running = start_plumb(sweep_command(server, "--apply"));
  terminate_backend(server, wait_for_sweep_update(server));
  const CommandResult failed = running.get();
  require_last_line(failed, lost_connection(sweep_conninfo(server), "sweep"));
  CHECK(failed.err.find("password=**** port=") != std::string::npos);

  require_sweep_completes_once(server);
}

TEST_CASE("after the primary dies mid migrate up and its standby is promoted, the same command on a multi-host string "
          "finishes on the new primary with each version once and no INVALID index",
          "[db][hardening][replica]") {
  PrivateServer primary;
  plumb::testing::StandbyServer standby(primary);
  TempDirectory migrations;
  auto old_snapshot = hold_index_build(primary, migrations);
  const std::vector<std::string> command =
      migrate_command(standby.failover_conninfo(primary), migrations.path(), {"up"});

  auto running = start_plumb(command);
  wait_for_statement(primary, "CREATE INDEX CONCURRENTLY", "Lock");
  // The standby has the index as the primary had it: built halfway, INVALID.
  standby.catch_up(primary);
  primary.crash();
  CHECK(running.get().exit_code == 3);
  standby.promote();

  const CommandResult rerun = run_plumb(command);
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(standby.query_value("SELECT string_agg(version::text, ',' ORDER BY version) FROM plumb_schema_migrations") ==
        "1,2");
  CHECK(standby.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready") == "0");
  CHECK(standby.query_value("SELECT count(*) FROM pg_indexes WHERE indexname = 'things_name'") == "1");
}
