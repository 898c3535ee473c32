#include <catch2/catch.hpp>

#include "util/duration.hpp"
#include "util/errors.hpp"

using namespace std::chrono_literals;
using plumb::format_duration;
using plumb::parse_duration;

TEST_CASE("durations are read in milliseconds seconds minutes and hours", "[util]") {
  const std::pair<std::string, std::chrono::milliseconds> cases[] = {
      {"500ms", 500ms}, {"5s", 5000ms}, {"2m", 120000ms}, {"1h", 3600000ms}, {"0", 0ms}, {"0s", 0ms}};
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(parse_duration(text, "--lock-timeout") == expected);
  }
}

TEST_CASE("a duration without a unit or with junk is refused naming the flag", "[util]") {
  for (const std::string text : {"5", "", "s", "5 s", "-5s", "1.5s", "5sec", "10d"}) {
    INFO(text);
    CHECK_THROWS_MATCHES(parse_duration(text, "--lock-wait"), plumb::InputError,
                         Catch::Message("--lock-wait: '" + text + "' is not a duration (use e.g. 500ms, 5s, 2m, 1h)"));
  }
}

TEST_CASE("durations are shown in their shortest exact unit", "[util]") {
  CHECK(format_duration(250ms) == "250ms");
  CHECK(format_duration(5000ms) == "5s");
  CHECK(format_duration(120000ms) == "2m");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(0ms) == "0s");
}
