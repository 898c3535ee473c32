#include "support/run_plumb.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace plumb::testing {
namespace {

std::string read_and_remove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  return text.str();
}

std::string temporary_path(const char* tag) {
  char path[] = "/tmp/plumb-test-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  return std::string(path) + tag;
}

[[noreturn]] void exec_child(const std::vector<std::string>& arguments,
                             const EnvironmentChanges& environment, const std::string& directory,
                             const std::string& out_path, const std::string& err_path) {
  for (const auto& [name, value] : environment) {
    if (value) setenv(name.c_str(), value->c_str(), 1);
    else unsetenv(name.c_str());
  }
  if (!directory.empty() && chdir(directory.c_str()) != 0) _exit(127);
  const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int in = open("/dev/null", O_RDONLY);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  std::vector<char*> argv;
  std::string binary = PLUMB_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = arguments;
  for (auto& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

// Waits for `child` to exit, leaving it to be reaped; kills it once
// `timeout` has passed. Returns false when it had to kill it.
bool wait_or_kill(pid_t child, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  siginfo_t info{};
  while (std::chrono::steady_clock::now() < deadline) {
    info.si_pid = 0;
    if (waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == child)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(child, SIGKILL);
  return false;
}

}  // namespace

RunningPlumb::RunningPlumb(const std::vector<std::string>& arguments, const EnvironmentChanges& environment,
                           const std::string& working_directory)
    : m_out_path(temporary_path(".out")), m_err_path(temporary_path(".err")) {
  m_child = fork();
  if (m_child < 0) throw std::runtime_error("fork failed");
  if (m_child == 0) exec_child(arguments, environment, working_directory, m_out_path, m_err_path);
}

RunningPlumb::~RunningPlumb() {
  if (m_child <= 0) return;
  kill(m_child, SIGKILL);
  waitpid(m_child, nullptr, 0);
}

void RunningPlumb::signal(int signal) const { kill(m_child, signal); }

CommandResult RunningPlumb::finish(std::chrono::seconds timeout) {
  const bool killed = !wait_or_kill(m_child, timeout);
  int status = 0;
  waitpid(m_child, &status, 0);
  m_child = -1;
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_and_remove(m_out_path);
  result.err = read_and_remove(m_err_path);
  if (killed) result.err += "run_plumb: killed after the timeout\n";
  std::remove(m_out_path.substr(0, m_out_path.size() - 4).c_str());
  std::remove(m_err_path.substr(0, m_err_path.size() - 4).c_str());
  return result;
}

CommandResult run_plumb(const std::vector<std::string>& arguments,
                        const EnvironmentChanges& environment, const std::string& working_directory,
                        std::chrono::seconds timeout) {
  return RunningPlumb(arguments, environment, working_directory).finish(timeout);
}

std::string superuser_warning(const std::string& user) {
  return "warning: connected as superuser " + user +
         ": run plumb as a role granted only pg_read_all_data and pg_read_all_stats (see docs/check.md, "
         "\"Running with least privilege\")\n";
}

int count_lines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

}  // namespace plumb::testing
