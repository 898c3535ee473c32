// ServerInfoReport: what `plumb ping` prints about the server it reached,
// as text for a person or as JSON.
#pragma once

#include <string>

#include "db/server_info.hpp"

namespace plumb {

// "PostgreSQL 15.8 (150008)" then database, user, host and port,
// application_name, one per line.
std::string render_server_info_text(const ServerInfo& info);

// The same fields as a JSON object, indented, ending in a newline.
std::string render_server_info_json(const ServerInfo& info);

}  // namespace plumb
