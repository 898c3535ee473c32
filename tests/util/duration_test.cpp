#include <catch2/catch.hpp>

#include "util/duration.hpp"
#include "util/errors.hpp"

using plumb::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("durations take a whole number and a unit", "[util]") {
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("5s") == 5s);
  CHECK(parse_duration("30m") == 30min);
  CHECK(parse_duration("2h") == 2h);
  CHECK(parse_duration("1d") == 24h);
}

TEST_CASE("a duration without a known unit is bad input", "[util]") {
  for (const char* text : {"", "5", "s", "-5s", "1.5s", "5 s", "5sec", "9999999999d"}) {
    SECTION(text) {
      CHECK_THROWS_WITH(parse_duration(text), std::string("invalid duration '") + text +
                                                  "': expected a number and a unit (ms, s, m, h, d), e.g. 30s");
    }
  }
}
