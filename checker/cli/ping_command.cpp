// `plumb ping`: connect, and say to what.
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "db/server_info.hpp"
#include "report/server_info_report.hpp"

namespace plumb::cli {
namespace {

int run_ping(const GlobalOptions& options) {
  auto connection = connect(options.connection(), ReadOnlySession{});
  const ServerInfo info = read_server_info(*connection);
  write_result(options, options.format == "json" ? render_server_info_json(info) : render_server_info_text(info));
  return k_exit_ok;
}

}  // namespace

CommandRunner declare_ping_command(CLI::App&) { return run_ping; }

}  // namespace plumb::cli
