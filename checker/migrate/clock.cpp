#include "migrate/clock.hpp"

#include <thread>

namespace plumb {
namespace {

class SteadyClock : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
  void sleep_for(std::chrono::milliseconds duration) override { std::this_thread::sleep_for(duration); }
};

}  // namespace

std::shared_ptr<Clock> Clock::steady() {
  static const auto clock = std::make_shared<SteadyClock>();
  return clock;
}

}  // namespace plumb
