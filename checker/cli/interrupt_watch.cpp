#include "cli/interrupt_watch.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "db/live_connections.hpp"

namespace plumb::cli {
namespace {

using namespace std::chrono_literals;

// How long the command gets to unwind by itself after the cancel (its
// query fails at once, and it closes its connections on the way out), and
// how often the cancel is repeated meanwhile: a query that started after
// the first cancel (the next rule of a check) is caught by the next one.
const auto k_grace = 1000ms;
const auto k_cancel_interval = 50ms;

std::atomic<int> g_signal{0};
std::atomic<bool> g_reported{false};

sigset_t interrupt_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

void watch(sigset_t signals) {
  int signal = 0;
  while (sigwait(&signals, &signal) != 0) {
  }
  g_signal = signal;
  interrupt_all_queries();
  for (auto waited = 0ms; waited < k_grace; waited += k_cancel_interval) {
    std::this_thread::sleep_for(k_cancel_interval);
    cancel_all_queries();
  }
  // The command did not unwind in time (it may be between two statements
  // that never end, or in a connection attempt): every query was cancelled,
  // and the server closes the sessions when the process ends.
  std::_Exit(report_interrupt());
}

}  // namespace

void start_interrupt_watch() {
  const sigset_t signals = interrupt_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread(watch, signals).detach();
}

int interrupt_exit_code() {
  const int signal = g_signal;
  return signal == 0 ? 0 : 128 + signal;
}

int report_interrupt() {
  if (!g_reported.exchange(true)) {
    std::fputs("plumb: interrupted\n", stderr);
    std::fflush(stderr);
  }
  return interrupt_exit_code();
}

}  // namespace plumb::cli
