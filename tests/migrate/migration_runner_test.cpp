#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "migrate/migration_runner.hpp"
#include "support/fake_clock.hpp"
#include "support/reference_schema.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"
#include "util/errors.hpp"

using namespace std::chrono_literals;
using plumb::HistoryTable;
using plumb::load_migrations;
using plumb::MigrationHistory;
using plumb::MigrationRunner;
using plumb::RunnerOptions;
using plumb::StepOutcome;
using plumb::testing::FakeClock;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

const std::string k_table_migration =
    "-- plumb:up\nCREATE TABLE things (id int PRIMARY KEY, name text);\n-- plumb:down\nDROP TABLE things;\n";

// Short lock timeouts, and back-off that does not sleep.
RunnerOptions quick_options(std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>()) {
  RunnerOptions options;
  options.lock_timeout = 200ms;
  options.lock_wait = 0ms;
  options.retries = 3;
  options.clock = clock;
  return options;
}

MigrationRunner runner_for(const TestDatabase& database, RunnerOptions options = quick_options()) {
  return MigrationRunner(database.settings(), MigrationHistory(HistoryTable{}), options);
}

// A migrations folder with 001_things (a table) and one more file.
std::vector<plumb::MigrationFile> things_and(const TempDirectory& directory, const std::string& name,
                                            const std::string& text) {
  directory.write("001_things.sql", k_table_migration);
  directory.write(name, text);
  return load_migrations(directory.path());
}

std::string history(const TestDatabase& database) {
  return database.query_value(
      "SELECT coalesce(string_agg(version || ':' || name || ':' || outcome, ' ' ORDER BY version), '') "
      "FROM plumb_schema_migrations");
}

// Waits until the runner has waited for a lock in `attempts` separate tries,
// seen as distinct query starts of a backend waiting on a lock.
void wait_for_lock_attempts(const TestDatabase& database, int attempts) {
  std::set<std::string> starts;
  while (static_cast<int>(starts.size()) < attempts) {
    const std::string start = database.query_value(
        "SELECT max(query_start)::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND datname = current_database() AND query LIKE 'ALTER TABLE%'");
    if (!start.empty()) starts.insert(start);
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace

TEST_CASE("up applies pending migrations in order and records who applied them", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const auto files = things_and(directory, "002_index.sql",
                                "-- plumb:up\nCREATE INDEX things_name ON things (name);\n-- plumb:down\nDROP INDEX things_name;\n");
  const auto steps = runner_for(database).up(files, std::nullopt);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].label == "001_things");
  CHECK(history(database) == "1:things:applied 2:index:applied");
  CHECK(database.query_value("SELECT checksum FROM plumb_schema_migrations WHERE version = 1") == files[0].checksum);
  CHECK(database.query_value("SELECT applied_by || '@' || client_host FROM plumb_schema_migrations WHERE version = 1") ==
        database.query_value("SELECT current_user || '@local'"));
  CHECK(runner_for(database).up(files, std::nullopt).empty());
}

TEST_CASE("up with a target stops at that version and down reverts only the last one", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_things.sql", k_table_migration);
  directory.write("002_index.sql", "-- plumb:up\nCREATE INDEX things_name ON things (name);\n-- plumb:down\nDROP INDEX things_name;\n");
  directory.write("003_more.sql", "-- plumb:up\nALTER TABLE things ADD COLUMN more int;\n-- plumb:down\nALTER TABLE things DROP COLUMN more;\n");
  const auto files = load_migrations(directory.path());
  CHECK(runner_for(database).up(files, 2).size() == 2);
  CHECK(history(database) == "1:things:applied 2:index:applied");
  runner_for(database).up(files, std::nullopt);
  const auto reverted = runner_for(database).down(files, std::nullopt);
  REQUIRE(reverted.size() == 1);
  CHECK(reverted[0].label == "003_more");
  CHECK(runner_for(database).down(files, 0).size() == 2);
  CHECK(history(database).empty());
  CHECK(database.query_value("SELECT to_regclass('things') IS NULL") == "t");
}

TEST_CASE("a failing transactional migration is rolled back whole and named with its line", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string path = directory.write("001_broken.sql", "-- plumb:up\nCREATE TABLE t (id int);\nSELECT 1 / 0;\n");
  CHECK_THROWS_MATCHES(runner_for(database).up(load_migrations(directory.path()), std::nullopt), plumb::RuntimeFailure,
                       Catch::Message("001_broken (up) failed at " + path +
                                      ":3:1: division by zero (rolled back: nothing of it was applied)"));
  CHECK(database.query_value("SELECT to_regclass('t') IS NULL") == "t");
  CHECK(history(database) == "1:broken:failed");
  CHECK(database.query_value("SELECT error FROM plumb_schema_migrations") ==
        "001_broken (up) failed at " + path + ":3:1: division by zero (rolled back: nothing of it was applied)");
}

TEST_CASE("a run that fails halfway reports every migration: applied, failed and skipped", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  directory.write("001_one.sql", "-- plumb:up\nCREATE TABLE one (id int);\n");
  directory.write("002_two.sql", "-- plumb:up\nCREATE TABLE two (id int);\n");
  directory.write("003_broken.sql", "-- plumb:up\nSELECT 1 / 0;\n");
  directory.write("004_later.sql", "-- plumb:up\nCREATE TABLE later (id int);\n");
  auto runner = runner_for(database);
  CHECK_THROWS_AS(runner.up(load_migrations(directory.path()), std::nullopt), plumb::RuntimeFailure);
  const auto& steps = runner.steps();
  REQUIRE(steps.size() == 4);
  const std::vector<StepOutcome> outcomes = {steps[0].outcome, steps[1].outcome, steps[2].outcome, steps[3].outcome};
  CHECK(outcomes == std::vector<StepOutcome>{StepOutcome::applied, StepOutcome::applied, StepOutcome::failed, StepOutcome::skipped});
  CHECK(steps[2].error.find("003_broken (up) failed at ") == 0);
  CHECK(steps[3].error.empty());
  CHECK(history(database) == "1:one:applied 2:two:applied 3:broken:failed");
}

TEST_CASE("DDL blocked by a long transaction gives up within lock_timeout and retries until the blocker commits", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const auto files = things_and(directory, "002_column.sql", "-- plumb:up\nALTER TABLE things ADD COLUMN note text;\n");
  runner_for(database).up(files, 1);
  auto blocker = database.connect();
  auto blocking = std::make_unique<pqxx::work>(*blocker);
  blocking->exec("SELECT count(*) FROM things");  // holds ACCESS SHARE until commit
  std::thread release([&] {
    wait_for_lock_attempts(database, 2);  // at least one timeout and one retry happened
    blocking->commit();
  });
  auto options = quick_options();
  options.retries = 1000;
  const auto steps = runner_for(database, options).up(files, std::nullopt);
  release.join();
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].retries >= 1);
  CHECK(database.query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'") == "1");
}

TEST_CASE("DDL whose blocker never commits fails naming the blocker with nothing half applied", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const auto files = things_and(directory, "002_two_steps.sql",
                                "-- plumb:up\nCREATE TABLE notes (id int);\nALTER TABLE things ADD COLUMN note text;\n");
  runner_for(database).up(files, 1);
  auto blocker = database.connect();
  pqxx::work blocking(*blocker);
  blocking.exec("SELECT count(*) FROM things");
  const std::string pid = std::to_string(blocker->backendpid());
  const auto clock = std::make_shared<FakeClock>();
  CHECK_THROWS_MATCHES(runner_for(database, quick_options(clock)).up(files, std::nullopt), plumb::RuntimeFailure,
                       Catch::Message("002_two_steps (up): gave up after 4 attempts, each waiting 200ms (--lock-timeout) "
                                      "for a lock; blocked by backend pid " + pid +
                                      " (idle in transaction): SELECT count(*) FROM things; nothing of this step was applied"));
  CHECK(database.query_value("SELECT to_regclass('notes') IS NULL") == "t");
  CHECK(history(database) == "1:things:applied 2:two_steps:failed");
  // The back-off between attempts doubles from 250ms; the test's clock does not sleep through it.
  CHECK(clock->sleeps() == std::vector<std::chrono::milliseconds>{250ms, 500ms, 1000ms});
}

TEST_CASE("the reference schema swaps its global unique index for a batch scoped one", "[db][migrate]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  CHECK(database.query_value("SELECT to_regclass('idx_on_invitation_type_invitation_id_6d6ef495e6') IS NULL") == "t");
  CHECK(database.query_value(
            "SELECT pg_get_indexdef('index_invitation_log_entries_on_batch_member_invitation'::regclass)") ==
        "CREATE UNIQUE INDEX index_invitation_log_entries_on_batch_member_invitation ON public.invitation_log_entries "
        "USING btree (invitation_log_id, member_id, invitation_type, invitation_id)");
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
}

TEST_CASE("reverting the swap over cross batch entries stops naming them and leaves no INVALID index", "[db][migrate]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  database.execute(
      "INSERT INTO members (id, name) VALUES (1, 'Ada');"
      "INSERT INTO invitation_logs (id, audience, created_at, updated_at) VALUES (27, 'students', now(), now()), "
      "(28, 'students', now(), now());"
      "INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, created_at, updated_at) "
      "VALUES (27, 1, 'WorkshopInvitation', 7, now(), now()), (28, 1, 'WorkshopInvitation', 7, now(), now())");
  const auto files = load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations");
  RunnerOptions options = quick_options();
  try {
    runner_for(database, options).down(files, std::nullopt);
    FAIL("down should have refused");
  } catch (const plumb::RuntimeFailure& error) {
    const std::string message = error.what();
    CHECK(message.find("cannot restore the global unique index idx_on_invitation_type_invitation_id_6d6ef495e6: "
                       "entries repeat across batches: (invitation_type 'WorkshopInvitation', invitation_id 7) "
                       "in batches 27, 28") != std::string::npos);
  }
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
  CHECK(database.query_value("SELECT to_regclass('idx_on_invitation_type_invitation_id_6d6ef495e6') IS NULL") == "t");
  CHECK(history(database) == "1:reference_schema:applied 2:batch_scoped_unique_entries:applied");
}

TEST_CASE("reverting the swap on clean data restores the incident's index", "[db][migrate]") {
  TestDatabase database;
  plumb::testing::apply_all_migrations(database);
  const auto files = load_migrations(std::string(PLUMB_SOURCE_DIR) + "/migrations");
  runner_for(database).down(files, std::nullopt);
  CHECK(database.query_value("SELECT indisunique FROM pg_index WHERE indexrelid = "
                             "'idx_on_invitation_type_invitation_id_6d6ef495e6'::regclass") == "t");
  CHECK(database.query_value("SELECT to_regclass('index_invitation_log_entries_on_batch_member_invitation') IS NULL") == "t");
}

namespace {

const std::string k_concurrent_index =
    "-- plumb:no-transaction\n-- plumb:up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS things_name ON things (name);\n";

// An unrelated session with an open snapshot (of a table other than
// `things`): every concurrent index build waits for it to end.
std::unique_ptr<pqxx::connection> open_old_snapshot(const TestDatabase& database) {
  database.execute("CREATE TABLE IF NOT EXISTS elsewhere (id int)");
  auto connection = database.connect();
  pqxx::nontransaction session(*connection);
  session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  session.exec("SELECT count(*) FROM elsewhere");
  return connection;
}

void end_transaction(pqxx::connection& connection) {
  pqxx::nontransaction session(connection);
  session.exec("COMMIT");
}

// Waits until the build has waited for old snapshots `lock_timeouts` times
// as long as the runner's lock_timeout, so an old-style timeout would have fired.
void wait_for_old_snapshots(const TestDatabase& database, int lock_timeouts) {
  for (int i = 0; i < 3000; ++i) {
    // This database only: tests in parallel build indexes of their own.
    if (database.query_value("SELECT count(*) FROM pg_stat_progress_create_index "
                             "WHERE datname = current_database() AND phase = 'waiting for old snapshots'") == "1")
      break;
    std::this_thread::sleep_for(20ms);
  }
  std::this_thread::sleep_for(lock_timeouts * quick_options().lock_timeout);
}

}  // namespace

TEST_CASE("a concurrent build waiting for old snapshots past the lock timeout is not cancelled", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const auto files = things_and(directory, "002_index.sql", k_concurrent_index);
  runner_for(database).up(files, 1);
  auto old = open_old_snapshot(database);
  std::thread finish([&] {
    wait_for_old_snapshots(database, 5);
    end_transaction(*old);
  });
  const auto steps = runner_for(database).up(files, std::nullopt);
  finish.join();
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].retries == 0);  // the finished build was kept, not thrown away and rebuilt
  CHECK(database.query_value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'things_name'::regclass") == "t");
}

TEST_CASE("a concurrent build is cancelled and retried once another session queues behind it", "[db][migrate]") {
  TestDatabase database;
  TempDirectory directory;
  const auto files = things_and(directory, "002_index.sql", k_concurrent_index);
  runner_for(database).up(files, 1);
  auto old = open_old_snapshot(database);
  auto app = database.connect();
  std::thread alter([&] {
    wait_for_old_snapshots(database, 1);
    pqxx::nontransaction work(*app);
    work.exec("SET lock_timeout = '60s'");
    work.exec("ALTER TABLE things ADD COLUMN note text");  // queues behind the build's lock
    end_transaction(*old);  // the retried build can finish
  });
  auto options = quick_options();
  options.retries = 1000;
  const auto steps = runner_for(database, options).up(files, std::nullopt);
  alter.join();
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].retries >= 1);
  CHECK(database.query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'") == "1");
  CHECK(database.query_value("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
}
