// `plumb ping`: connect, and say to what.
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "db/server_info.hpp"

namespace plumb::cli {
namespace {

std::string render_text(const ServerInfo& info) {
  return "PostgreSQL " + info.server_version + " (" + std::to_string(info.server_version_num) + ")\n" +
         "database:         " + info.database + "\n" +
         "user:             " + info.user + "\n" +
         "host:             " + info.host + " port " + info.port + "\n" +
         "application_name: " + info.application_name + "\n";
}

std::string render_json(const ServerInfo& info) {
  const nlohmann::json json = {{"server_version", info.server_version},
                               {"server_version_num", info.server_version_num},
                               {"database", info.database},
                               {"user", info.user},
                               {"host", info.host},
                               {"port", info.port},
                               {"application_name", info.application_name}};
  return json.dump(2) + "\n";
}

int run_ping(const GlobalOptions& options) {
  auto connection = connect(options.connection(), ReadOnlySession{});
  const ServerInfo info = read_server_info(*connection);
  write_result(options, options.format == "json" ? render_json(info) : render_text(info));
  return k_exit_ok;
}

}  // namespace

CommandRunner declare_ping_command(CLI::App&) { return run_ping; }

}  // namespace plumb::cli
