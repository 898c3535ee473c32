// Connection: opening a pqxx connection from ConnectionSettings, with libpq's
// errors turned into plumb's (one line, password masked).
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>

#include "db/connection_settings.hpp"

namespace plumb {

// Opens a connection. Throws RuntimeFailure with one masked line naming the
// target when the server cannot be reached or refuses the login.
std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings);

// The text of a database exception on one line, password masked: what plumb
// shows for any pqxx error.
std::string describe_database_error(const std::exception& error);

}  // namespace plumb
