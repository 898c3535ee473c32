#include "fleet/fleet_runner.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

namespace plumb {
namespace {

// Hands out the indexes in order and remembers what stops the run.
class JobQueue {
 public:
  JobQueue(size_t begin, size_t end, bool stop_after_failure, std::vector<bool>& started)
      : m_next(begin), m_end(end), m_stop_after_failure(stop_after_failure), m_started(started) {}

  bool next(size_t& index) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_error || m_next == m_end || (m_failed && m_stop_after_failure)) return false;
    index = m_next++;
    m_started[index] = true;
    return true;
  }

  void finished(bool succeeded) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!succeeded) m_failed = true;
  }

  void threw(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_error) m_error = error;
  }

  bool failed() const { return m_failed; }
  void rethrow() const {
    if (m_error) std::rethrow_exception(m_error);
  }

 private:
  std::mutex m_mutex;
  size_t m_next;
  size_t m_end;
  bool m_stop_after_failure;
  std::vector<bool>& m_started;
  bool m_failed = false;
  std::exception_ptr m_error;
};

void work(JobQueue& queue, const std::function<bool(size_t)>& job) {
  size_t index = 0;
  try {
    while (queue.next(index)) queue.finished(job(index));
  } catch (...) {
    queue.threw(std::current_exception());
  }
}

// Runs the indexes [begin, end) on `workers` threads (the caller's own among them).
bool run_phase(size_t begin, size_t end, size_t workers, const FleetRunOptions& options, std::vector<bool>& started,
               const std::function<bool(size_t)>& job) {
  JobQueue queue(begin, end, options.stop_after_failure, started);
  std::vector<std::thread> threads;
  for (size_t worker = 1; worker < workers; ++worker) threads.emplace_back(work, std::ref(queue), std::cref(job));
  work(queue, job);
  for (auto& thread : threads) thread.join();
  queue.rethrow();
  return !queue.failed();
}

}  // namespace

std::vector<bool> run_fleet(size_t count, const FleetRunOptions& options, const std::function<bool(size_t)>& job) {
  std::vector<bool> started(count, false);
  const size_t canary = std::min(count, static_cast<size_t>(std::max(options.canary, 0)));
  // The canaries run alone: the rest waits for their verdict.
  const bool canaries_passed = run_phase(0, canary, 1, options, started, job);
  if (!canaries_passed && options.stop_after_failure) return started;
  const size_t workers = std::min(static_cast<size_t>(std::max(options.parallel, 1)), std::max(count - canary, size_t{1}));
  run_phase(canary, count, workers, options, started, job);
  return started;
}

}  // namespace plumb
