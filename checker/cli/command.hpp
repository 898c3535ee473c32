// Command: one entry of plumb's table of subcommands, in the manner of
// ninja's subtools: a name, a line of help, the output formats it writes,
// and a function that declares the command's flags and returns what runs it.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "cli/global_options.hpp"

namespace plumb::cli {

// Runs a parsed command; returns its exit code. Throws plumb's errors, which
// main() turns into exit codes and one line on stderr.
using CommandRunner = std::function<int(const GlobalOptions&)>;

struct Command {
  const char* name;
  const char* description;
  // The --format values it writes, "text" first; main refuses any other
  // before the command runs.
  std::vector<std::string> formats;
  // Declares the flags (and nested subcommands) on `command`, binding them to
  // state that the returned runner owns.
  CommandRunner (*declare)(CLI::App& command);
};

CommandRunner declare_ping_command(CLI::App& command);
CommandRunner declare_check_command(CLI::App& command);
CommandRunner declare_inspect_command(CLI::App& command);
CommandRunner declare_sweep_command(CLI::App& command);
CommandRunner declare_migrate_command(CLI::App& command);
CommandRunner declare_models_command(CLI::App& command);
CommandRunner declare_lint_command(CLI::App& command);
CommandRunner declare_config_command(CLI::App& command);

}  // namespace plumb::cli
