// migrate_command: `plumb migrate` on a folder of migrations (a test's own,
// written to a TempDirectory, or the shipped migrations/), run against any
// database by its libpq string, as a user would run it.
#pragma once

#include <string>
#include <vector>

#include "support/run_plumb.hpp"

namespace plumb::testing {

// `migrate --db conninfo --migrations folder`, then `arguments` (the action
// and its flags, e.g. {"up", "--to", "1"}).
std::vector<std::string> migrate_command(const std::string& conninfo, const std::string& folder,
                                         const std::vector<std::string>& arguments);

// Runs that command line with run_plumb.
CommandResult run_migrate(const std::string& conninfo, const std::string& folder,
                          const std::vector<std::string>& arguments);

}  // namespace plumb::testing
