#include "support/migrate_command.hpp"

namespace plumb::testing {

std::vector<std::string> migrate_command(const std::string& conninfo, const std::string& folder,
                                         const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {"migrate", "--db", conninfo, "--migrations", folder};
  command.insert(command.end(), arguments.begin(), arguments.end());
  return command;
}

CommandResult run_migrate(const std::string& conninfo, const std::string& folder,
                          const std::vector<std::string>& arguments) {
  return run_plumb(migrate_command(conninfo, folder, arguments));
}

}  // namespace plumb::testing
