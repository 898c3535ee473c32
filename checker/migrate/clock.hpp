// Clock: where the runner reads the time and waits (lock-timeout back-off,
// polling for the runner lock), behind one seam so that tests of back-off
// and waiting run without sleeping.
#pragma once

#include <chrono>
#include <memory>

namespace plumb {

class Clock {
 public:
  virtual ~Clock() = default;

  virtual std::chrono::steady_clock::time_point now() const = 0;

  // Returns after `duration` (the real clock sleeps; a test's clock may just
  // move its time on).
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;

  // The process's steady clock, shared.
  static std::shared_ptr<Clock> steady();
};

}  // namespace plumb
