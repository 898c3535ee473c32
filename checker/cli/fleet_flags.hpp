// FleetFlags: --targets, --target and --parallel, the flags that run a
// command over a fleet of databases instead of one (docs/fleet.md).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "fleet/fleet_targets.hpp"
#include "vocabulary/fleet_report.hpp"

namespace plumb::cli {

struct FleetFlags {
  std::string targets_file;            // --targets FILE
  std::vector<std::string> selectors;  // --target NAME|TAG (repeatable)
  int parallel = 2;                    // --parallel N: targets run at once

  bool given() const { return !targets_file.empty(); }

  // The targets the flags select, read before any connection. Throws
  // InputError for a bad targets file, a selector that picks nothing,
  // --target without --targets, or --db/--db-env beside --targets.
  std::vector<Target> targets(const GlobalOptions& options) const;
};

// Declares --targets, --target and --parallel on `command`.
void add_fleet_flags(CLI::App& command, FleetFlags& flags);

// The worst exit code over the targets: 3 (a target unreachable, failed or
// incomplete) over 1 (findings) over 0.
int fleet_exit_code(const FleetReport& report);

// In text mode, one line per target on stderr as it finishes, e.g.
// "[2/3] target eu-1 findings 0.42s"; stdout keeps only the report.
void print_target_progress(size_t finished, size_t total, const TargetResult& result);

// `command` run over `targets` by `run_one`, --parallel at a time with a
// progress line per target in text mode, written as one report; returns
// fleet_exit_code.
int run_fleet_report(const std::string& command, const std::vector<Target>& targets, const FleetFlags& flags,
                     const GlobalOptions& options, const std::function<TargetResult(const Target&)>& run_one);

}  // namespace plumb::cli
