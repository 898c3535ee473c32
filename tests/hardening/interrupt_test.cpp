// Interrupts and kills of a running plumb: SIGINT and SIGTERM must cancel
// plumb's queries on the server at once (not leave them to run to their
// timeout), end with one line and exit 130 / 143. Run against the shared
// server: each test watches only its own database's sessions.
#include <catch2/catch.hpp>

#include <signal.h>

#include <pqxx/pqxx>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace std::chrono_literals;
using plumb::testing::CommandResult;
using plumb::testing::RunningPlumb;
using plumb::testing::superuser_warning;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

// A rule that counts 40 billion rows: minutes of work, made only of
// functions that are not volatile, so no rules-file check refuses it.
std::string endless_rule(const std::string& id) {
  return "  - id: " + id +
         "\n    check: sql\n"
         "    query: \"SELECT n FROM (SELECT count(*) AS n FROM generate_series(1, 200000) a,"
         " generate_series(1, 200000) b) c WHERE n < 0\"\n";
}

std::string endless_rules(int count) {
  std::string yaml = "rules:\n";
  for (int i = 1; i <= count; ++i) yaml += endless_rule("endless-count-" + std::to_string(i));
  return yaml;
}

// plumb's queries running now in `database`, not counting the caller's
// own, asked over `watcher` (each statement sees a fresh pg_stat_activity).
int active_plumb_queries(pqxx::connection& watcher) {
  pqxx::nontransaction look(watcher);
  return look.exec1("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name LIKE 'plumb%' AND state = 'active' AND pid <> pg_backend_pid()")[0]
      .as<int>();
}

// Waits until `count` endless counts run; fails the test after a minute.
void wait_for_counts(const TestDatabase& database, int count) {
  const std::string running =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
      "AND query LIKE '%generate_series(1, 200000)%' AND pid <> pg_backend_pid()";
  for (int i = 0; i < 3000; ++i) {
    if (database.query_value(running) == std::to_string(count)) return;
    std::this_thread::sleep_for(20ms);
  }
  FAIL("the endless counts never ran");
}

// How long after now until no plumb query is active, asked over `watcher`,
// a connection opened beforehand so that opening it is not counted; gives
// up (and returns what it waited) after ten seconds.
std::chrono::milliseconds until_no_plumb_query(pqxx::connection& watcher) {
  const auto start = std::chrono::steady_clock::now();
  while (active_plumb_queries(watcher) > 0 && std::chrono::steady_clock::now() - start < 10s)
    std::this_thread::sleep_for(10ms);
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

// What `ps` shows of process `pid`: its arguments, NULs as spaces.
std::string command_line(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string line = text.str();
  for (char& c : line)
    if (c == '\0') c = ' ';
  return line;
}

std::vector<std::string> check_command(const std::string& conninfo, const std::string& rules, int jobs) {
  return {"check", "--db", conninfo, "--rules", rules, "--statement-timeout", "10m", "--jobs", std::to_string(jobs)};
}

}  // namespace

TEST_CASE("SIGINT or SIGTERM to check cancels every rule query on the server within 2 s and exits 130 or 143",
          "[db][hardening]") {
  struct Case {
    int signal;
    int jobs;
    int exit_code;
  };
  const Case cases[] = {{SIGINT, 1, 130}, {SIGTERM, 1, 143}, {SIGINT, 2, 130}, {SIGTERM, 2, 143}};
  for (const auto& c : cases) {
    INFO("signal " << c.signal << ", --jobs " << c.jobs);
    TestDatabase database;
    TempDirectory directory;
    const std::string rules = directory.write("rules.yml", endless_rules(c.jobs));
    RunningPlumb plumb(check_command(database.conninfo(), rules, c.jobs));
    wait_for_counts(database, c.jobs);
    auto watcher = database.connect();

    plumb.signal(c.signal);
    const auto waited = until_no_plumb_query(*watcher);
    INFO("no plumb query after " << waited.count() << " ms");
    CHECK(waited < 2s);
    const CommandResult result = plumb.finish(30s);
    CHECK(result.exit_code == c.exit_code);
    CHECK(result.err == superuser_warning() + "plumb: interrupted\n");
    CHECK(result.out.empty());
  }
}

TEST_CASE("after kill -9 of check the server stops its rule query within seconds, not at the rule's timeout",
          "[db][hardening]") {
  // No cancel is possible here: client_connection_check_interval (1 s, set
  // on every connection) is what makes the backend notice its client died.
  TestDatabase database;
  TempDirectory directory;
  const std::string rules = directory.write("rules.yml", endless_rules(1));
  RunningPlumb plumb(check_command(database.conninfo(), rules, 1));
  wait_for_counts(database, 1);
  auto watcher = database.connect();

  plumb.signal(SIGKILL);
  CHECK(plumb.finish(30s).exit_code == 137);
  // One check interval, with room for a loaded machine; the rule's own
  // timeout is ten minutes.
  const auto waited = until_no_plumb_query(*watcher);
  INFO("no plumb query after " << waited.count() << " ms");
  CHECK(waited < 5s);
}

TEST_CASE("the password given with --db is not in the process's command line while plumb runs", "[db][hardening]") {
  TestDatabase database;
  TempDirectory directory;
  const std::string rules = directory.write("rules.yml", endless_rules(1));
  const std::string socket = std::getenv("PGHOST");
  const std::string port = std::getenv("PGPORT") ? std::getenv("PGPORT") : "5432";
  struct Case {
    std::string conninfo, shown;
  };
  // trust authentication ignores the password: the point is where it shows.
  const Case cases[] = {
      {database.conninfo() + " password=hunter22", "--db " + database.conninfo() + " password=**** "},
      {"postgresql://:hunter22@/" + database.name() + "?host=" + socket + "&port=" + port,
       "--db postgresql://:****@/" + database.name() + "?host="},
  };
  for (const auto& c : cases) {
    INFO(c.conninfo);
    RunningPlumb plumb(check_command(c.conninfo, rules, 1));
    wait_for_counts(database, 1);
    const std::string shown = command_line(plumb.pid());
    INFO(shown);
    CHECK(shown.find("hunter22") == std::string::npos);
    CHECK(shown.find(c.shown) != std::string::npos);
    plumb.signal(SIGINT);
    CHECK(plumb.finish(30s).exit_code == 130);
  }
}
