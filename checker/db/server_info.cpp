#include "db/server_info.hpp"

namespace plumb {

ServerInfo read_server_info(pqxx::connection& connection) {
  pqxx::read_transaction transaction(connection);
  const auto row = transaction.exec1(
      "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
      "       current_database(), current_user, current_setting('application_name')");
  ServerInfo info;
  info.server_version = row[0].as<std::string>();
  info.server_version_num = row[1].as<int>();
  info.database = row[2].as<std::string>();
  info.user = row[3].as<std::string>();
  info.application_name = row[4].as<std::string>();
  const char* host = connection.hostname();
  info.host = host ? host : "";
  const char* port = connection.port();
  info.port = port ? port : "";
  return info;
}

}  // namespace plumb
