// ServerInfo: what `plumb ping` reports about the server it reached.
#pragma once

#include <pqxx/pqxx>

#include <string>

namespace plumb {

struct ServerInfo {
  std::string server_version;  // e.g. "15.18 (Debian 15.18-0+deb12u1)"
  int server_version_num = 0;  // e.g. 150018
  std::string database;
  std::string user;
  std::string host;  // a socket directory or a host name
  std::string port;
  std::string application_name;
};

// Reads ServerInfo over `connection` in one read-only query.
ServerInfo read_server_info(pqxx::connection& connection);

}  // namespace plumb
