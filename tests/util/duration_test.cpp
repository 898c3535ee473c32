#include <catch2/catch.hpp>

#include "util/duration.hpp"
#include "util/errors.hpp"

using namespace plumb;
using std::chrono::milliseconds;

TEST_CASE("durations are read in milliseconds seconds minutes hours and days", "[util]") {
  const std::vector<std::pair<std::string, long long>> cases = {
      {"500ms", 500}, {"30s", 30000}, {"30m", 1800000}, {"2h", 7200000}, {"1d", 86400000}, {"0s", 0}};
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(parse_duration(text) == milliseconds(expected));
  }
}

TEST_CASE("a duration without a known unit is refused with the accepted forms", "[util]") {
  for (const std::string text : {"30", "m", "", "30 m", "1.5h", "30min", "-5s", "1234567890123s"}) {
    INFO(text);
    CHECK_THROWS_MATCHES(parse_duration(text), InputError,
                         Catch::Matchers::Message("invalid duration '" + text +
                                                  "': expected a whole number and a unit (ms, s, m, h, d), e.g. 30m"));
  }
}
