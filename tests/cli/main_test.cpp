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
  CHECK(result.err.find("subcommand") != std::string::npos);
}

TEST_CASE("plumb --help lists the commands", "[cli]") {
  const auto result = run_plumb({"--help"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("ping") != std::string::npos);
}
