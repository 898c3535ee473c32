#include "fleet/fleet_runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

using plumb::FleetRunOptions;
using plumb::run_fleet;

TEST_CASE("run_fleet runs every target, never more at once than --parallel", "[fleet]") {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> ran{0};
  const auto started = run_fleet(7, FleetRunOptions{3}, [&](size_t) {
    const int now = ++running;
    for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --running;
    ++ran;
    return true;
  });
  CHECK(ran == 7);
  CHECK(most <= 3);
  CHECK(most >= 2);
  CHECK(std::count(started.begin(), started.end(), true) == 7);
}

TEST_CASE("run_fleet runs the canaries alone and first, and starts nothing after a failure when asked", "[fleet]") {
  std::mutex mutex;
  std::vector<size_t> order;
  FleetRunOptions options{4, 2, true};
  const auto started = run_fleet(5, options, [&](size_t index) {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(index);
    return index != 1;  // the second canary fails
  });
  CHECK(order == std::vector<size_t>{0, 1});
  CHECK(started == std::vector<bool>{true, true, false, false, false});
}

TEST_CASE("run_fleet keeps going after a failure unless told to stop", "[fleet]") {
  std::atomic<int> ran{0};
  run_fleet(4, FleetRunOptions{1, 1, false}, [&](size_t) {
    ++ran;
    return false;
  });
  CHECK(ran == 4);
}

TEST_CASE("run_fleet stops starting targets and rethrows when a job throws", "[fleet]") {
  std::atomic<int> ran{0};
  CHECK_THROWS_WITH(run_fleet(5, FleetRunOptions{1}, [&](size_t index) -> bool {
                      ++ran;
                      if (index == 1) throw std::runtime_error("interrupted");
                      return true;
                    }),
                    "interrupted");
  CHECK(ran == 2);
}
