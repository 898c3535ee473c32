// FakeClock: a Clock whose sleeps return at once and are written down, so a
// test can check a back-off schedule without waiting through it.
#pragma once

#include <mutex>
#include <vector>

#include "migrate/clock.hpp"

namespace plumb::testing {

class FakeClock : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_now;
  }
  void sleep_for(std::chrono::milliseconds duration) override {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sleeps.push_back(duration);
    m_now += duration;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sleeps;
  }

 private:
  mutable std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_now{};
  std::vector<std::chrono::milliseconds> m_sleeps;
};

}  // namespace plumb::testing
