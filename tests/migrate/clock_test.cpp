#include <catch2/catch.hpp>

#include "migrate/clock.hpp"

using namespace std::chrono_literals;

TEST_CASE("the steady clock waits at least as long as asked and never goes back", "[migrate]") {
  auto clock = plumb::Clock::steady();
  const auto before = clock->now();
  clock->sleep_for(5ms);
  CHECK(clock->now() - before >= 5ms);
  CHECK(plumb::Clock::steady() == clock);  // one shared clock
}
