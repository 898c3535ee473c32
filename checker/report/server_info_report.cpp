#include "report/server_info_report.hpp"

#include <nlohmann/json.hpp>

namespace plumb {

std::string render_server_info_text(const ServerInfo& info) {
  return "PostgreSQL " + info.server_version + " (" + std::to_string(info.server_version_num) + ")\n" +
         "database:         " + info.database + "\n" +
         "user:             " + info.user + "\n" +
         "host:             " + info.host + " port " + info.port + "\n" +
         "application_name: " + info.application_name + "\n";
}

std::string render_server_info_json(const ServerInfo& info) {
  const nlohmann::json json = {{"server_version", info.server_version},
                               {"server_version_num", info.server_version_num},
                               {"database", info.database},
                               {"user", info.user},
                               {"host", info.host},
                               {"port", info.port},
                               {"application_name", info.application_name}};
  return json.dump(2) + "\n";
}

}  // namespace plumb
