// ConfigSettings: plumb.yml applied to a parsed command line. A flag given
// on the command line wins; a setting of the file fills what was not given;
// the command's own default stays otherwise.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/global_options.hpp"

namespace plumb::cli {

// Loads the plumb.yml in effect (--config, else the nearest one from the
// working directory up; none is fine) into options.config_file and applies
// it to `command` (a parsed subcommand of plumb): db or db_env when neither
// --db nor --db-env was given, format when --format was not given and
// `command` writes it (one that does not keeps text), and rules,
// migrations, history_table, fail_on and lint's exclude_rules to the
// command's flags of the same name that were not given. Throws InputError,
// with the file's line, for a file that cannot be read or a value the flag
// refuses.
void apply_config_file(CLI::App& command, const std::vector<std::string>& formats, GlobalOptions& options);

}  // namespace plumb::cli
