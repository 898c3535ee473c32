#include <catch2/catch.hpp>

#include "support/run_plumb.hpp"

using plumb::testing::count_lines;
using plumb::testing::run_plumb;

TEST_CASE("plumb --version prints its version", "[cli]") {
  const auto result = run_plumb({"--version"});
  CHECK(result.exit_code == 0);
  CHECK(result.out == std::string("plumb ") + PLUMB_VERSION + "\n");
}

TEST_CASE("an unknown option exits 2 with one clear line", "[cli]") {
  const auto result = run_plumb({"ping", "--bogus"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "plumb: The following argument was not expected: --bogus (see plumb --help)\n");
}

TEST_CASE("no command exits 2 and says a command is needed", "[cli]") {
  const auto result = run_plumb({});
  CHECK(result.exit_code == 2);
  CHECK(count_lines(result.err) == 1);
  CHECK(result.err == "plumb: no command given: ping, check, inspect, sweep, migrate, models, lint, config (see plumb help)\n");
}

TEST_CASE("plumb --help lists the commands", "[cli]") {
  const auto result = run_plumb({"--help"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("ping") != std::string::npos);
}

TEST_CASE("plumb -V prints its version", "[cli]") {
  const auto result = run_plumb({"-V"});
  CHECK(result.exit_code == 0);
  CHECK(result.out == std::string("plumb ") + PLUMB_VERSION + "\n");
}

TEST_CASE("a mistyped command exits 2 and suggests the command meant", "[cli]") {
  const auto result = run_plumb({"chek"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "plumb: unknown command 'chek'; did you mean 'check'?\n");
}

TEST_CASE("a mistyped nested command suggests the nested command meant, after global options", "[cli]") {
  const auto result = run_plumb({"--db", "dbname=x", "migrate", "--migrations", "m", "stauts"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: unknown command 'migrate stauts'; did you mean 'migrate status'?\n");
}

TEST_CASE("a command that resembles none exits 2 and points at plumb help", "[cli]") {
  const auto result = run_plumb({"deploy"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: unknown command 'deploy' (see plumb help)\n");
}

TEST_CASE("plumb help lists every command and plumb help COMMAND shows its flags", "[cli]") {
  const auto all = run_plumb({"help"});
  CHECK(all.exit_code == 0);
  for (const char* command : {"ping", "check", "inspect", "sweep", "migrate", "models", "lint", "config"})
    CHECK(all.out.find(std::string("  ") + command) != std::string::npos);
  const auto check = run_plumb({"help", "check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("--fail-on") != std::string::npos);
  const auto up = run_plumb({"help", "migrate", "up"});
  CHECK(up.exit_code == 0);
  CHECK(up.out.find("--to") != std::string::npos);
}

TEST_CASE("plumb help of an unknown command exits 2 with a suggestion", "[cli]") {
  const auto result = run_plumb({"help", "chek"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: unknown command 'chek'; did you mean 'check'?\n");
}

TEST_CASE("a format the command does not write is refused before it runs, exit 2", "[cli]") {
  struct Case {
    std::vector<std::string> arguments;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"--format", "junit", "ping", "--db", "host=127.0.0.1 port=1"},
       "plumb: --format junit is not available for plumb ping (expected text or json)\n"},
      {{"migrate", "status", "--format", "sarif", "--migrations", "nowhere"},
       "plumb: --format sarif is not available for plumb migrate (expected text or json)\n"},
      {{"models", "import", "--rails", "nowhere", "--format", "json"},
       "plumb: --format json is not available for plumb models (expected text)\n"},
      {{"inspect", "--format", "github"}, "plumb: --format github is not available for plumb inspect (expected text or json)\n"},
  };
  for (const auto& each : cases) {
    const auto result = run_plumb(each.arguments);
    INFO(each.arguments[0] + " " + each.arguments[1]);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err == each.err);
  }
}
