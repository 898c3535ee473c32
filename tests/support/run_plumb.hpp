// run_plumb: runs the built `plumb` binary as a user would, capturing its
// exit code, stdout and stderr separately.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace plumb::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// Environment changes for the child: a value sets the variable, nullopt
// removes it.
using EnvironmentChanges = std::map<std::string, std::optional<std::string>>;

// A child still running after `timeout` is killed (SIGKILL, exit code 137)
// and "run_plumb: killed after the timeout" ends its stderr, so a hang fails
// the test instead of stalling the suite.
CommandResult run_plumb(const std::vector<std::string>& arguments,
                        const EnvironmentChanges& environment = {},
                        const std::string& working_directory = "",
                        std::chrono::seconds timeout = std::chrono::seconds(300));

// A plumb child started and left running, so a test can act on it while it
// works (send it a signal, read its /proc entry) and then collect it.
class RunningPlumb {
 public:
  RunningPlumb(const std::vector<std::string>& arguments, const EnvironmentChanges& environment = {},
               const std::string& working_directory = "");
  // Kills the child (SIGKILL) if finish() was never called.
  ~RunningPlumb();
  RunningPlumb(const RunningPlumb&) = delete;
  RunningPlumb& operator=(const RunningPlumb&) = delete;

  int pid() const { return m_child; }
  // Sends `signal` to the child.
  void signal(int signal) const;
  // Waits for the child as run_plumb() does (killing it after `timeout`)
  // and returns what it did.
  CommandResult finish(std::chrono::seconds timeout = std::chrono::seconds(300));

 private:
  std::string m_out_path;
  std::string m_err_path;
  int m_child = -1;
};

// The warning plumb check prints once, before its rules, when it is
// connected as a superuser (as the throwaway test server's `postgres` is).
std::string superuser_warning(const std::string& user = "postgres");

// Number of lines in `text` (a last line without "\n" counts).
int count_lines(const std::string& text);

}  // namespace plumb::testing
