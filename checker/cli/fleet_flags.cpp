#include "cli/fleet_flags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "fleet/fleet_runner.hpp"
#include "report/fleet_report.hpp"
#include "util/errors.hpp"

namespace plumb::cli {

std::vector<Target> FleetFlags::targets(const GlobalOptions& options) const {
  if (!given()) throw InputError("--target needs --targets FILE");
  // One run names its databases one way: mixing them would leave unsaid
  // which one --db is among the targets.
  if (options.names_database()) throw InputError("give --db (or --db-env) or --targets, not both");
  const bool in_settings = options.config_file.targets_inline && targets_file == options.config_file.path;
  return select_targets(load_targets(targets_file, in_settings), selectors);
}

void add_fleet_flags(CLI::App& command, FleetFlags& flags) {
  command.add_option("--targets", flags.targets_file, "run against every database of this targets file (docs/fleet.md)")
      ->option_text("FILE");
  command.add_option("--target", flags.selectors, "with --targets: only the target with this name or tag (repeatable)")
      ->option_text("NAME|TAG");
  command.add_option("--parallel", flags.parallel, "with --targets: targets run at once (default 2)")
      ->check(CLI::Range(1, 64));
}

int fleet_exit_code(const FleetReport& report) {
  int worst = k_exit_ok;
  for (const auto& target : report.targets) {
    if (target.status == TargetStatus::findings) worst = std::max<int>(worst, k_exit_findings);
    if (target.status != TargetStatus::passed && target.status != TargetStatus::findings) return k_exit_runtime_failure;
  }
  return worst;
}

void print_target_progress(size_t finished, size_t total, const TargetResult& result) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  fmt::print(stderr, "[{}/{}] target {} {} {:.2f}s\n", finished, total, result.name, to_string(result.status),
             result.seconds);
  std::fflush(stderr);
}

int run_fleet_report(const std::string& command, const std::vector<Target>& targets, const FleetFlags& flags,
                     const GlobalOptions& options, const std::function<TargetResult(const Target&)>& run_one) {
  const bool show_progress = options.format == "text" && !options.quiet;
  FleetReport fleet;
  fleet.command = command;
  fleet.targets.resize(targets.size());
  std::atomic<size_t> finished{0};
  run_fleet(targets.size(), FleetRunOptions{flags.parallel}, [&](size_t index) {
    fleet.targets[index] = run_one(targets[index]);
    if (show_progress) print_target_progress(++finished, targets.size(), fleet.targets[index]);
    return true;
  });
  write_result(options, render_fleet_report(fleet, options.format, options.output.empty() && colors_enabled(stdout)));
  return fleet_exit_code(fleet);
}

}  // namespace plumb::cli
