#include <catch2/catch.hpp>

#include "util/duration.hpp"
#include "util/errors.hpp"

using namespace std::chrono_literals;
using plumb::format_duration;
using plumb::parse_duration;

TEST_CASE("durations take a whole number and a unit", "[util]") {
  const std::pair<std::string, std::chrono::milliseconds> cases[] = {
      {"500ms", 500ms}, {"5s", 5s}, {"30m", 30min}, {"2h", 2h}, {"1d", 24h}, {"0", 0ms}, {"0s", 0ms}};
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(parse_duration(text) == expected);
  }
}

TEST_CASE("a duration without a known unit is bad input", "[util]") {
  for (const std::string text : {"", "5", "s", "-5s", "1.5s", "5 s", "5sec", "9999999999d"}) {
    INFO(text);
    CHECK_THROWS_MATCHES(parse_duration(text), plumb::InputError,
                         Catch::Message("invalid duration '" + text +
                                        "': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s"));
  }
}

TEST_CASE("a bad duration in a flag names the flag", "[util]") {
  CHECK_THROWS_WITH(parse_duration("5", "--lock-wait"),
                    "--lock-wait: invalid duration '5': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s");
}

TEST_CASE("durations are shown in their shortest exact unit", "[util]") {
  CHECK(format_duration(250ms) == "250ms");
  CHECK(format_duration(5000ms) == "5s");
  CHECK(format_duration(120000ms) == "2m");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(0ms) == "0s");
  CHECK(format_duration(86'400'000ms) == "1d");
}
