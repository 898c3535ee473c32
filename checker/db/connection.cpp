#include "db/connection.hpp"

#include <optional>

#include "db/live_connections.hpp"
#include "db/server_version.hpp"
#include "util/errors.hpp"
#include "util/secrets.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// client_connection_check_interval exists from PostgreSQL 14 on; older
// servers would refuse the SET, and there a killed plumb's query runs on
// until it ends or reaches its statement_timeout.
const int k_first_version_with_connection_check = 140000;
const char* k_connection_check_interval = "1000";  // milliseconds

std::string milliseconds(std::chrono::milliseconds duration) { return std::to_string(duration.count()); }

// The session's settings, in one round trip.
std::string session_settings(const pqxx::connection& connection, const std::optional<ReadOnlySession>& read_only) {
  std::string sql;
  if (connection.server_version() >= k_first_version_with_connection_check)
    sql += std::string("SET client_connection_check_interval = ") + k_connection_check_interval + ";";
  if (read_only)
    sql += "SET lock_timeout = " + milliseconds(read_only->lock_timeout) +
           ";SET statement_timeout = " + milliseconds(read_only->statement_timeout) +
           ";SET default_transaction_read_only = on;";
  return sql;
}

std::unique_ptr<pqxx::connection> open(const ConnectionSettings& settings) {
  try {
    return std::make_unique<pqxx::connection>(settings.libpq_string());
  } catch (const pqxx::broken_connection& error) {
    throw RuntimeFailure("cannot connect to " + settings.describe() + ": " + describe_database_error(error));
  }
}

// SET inside a committed transaction lasts for the session; the transaction
// is also what lets track_connection() reach libpq's handle.
std::unique_ptr<pqxx::connection> open_session(const ConnectionSettings& settings,
                                               const std::optional<ReadOnlySession>& read_only) {
  auto connection = open(settings);
  // Before any statement: on an older server the first catalog read would
  // fail with a message about a missing column instead.
  require_supported_server(connection->server_version(), settings.describe());
  pqxx::work setup(*connection, "plumb_session");
  track_connection(setup);
  const std::string sql = session_settings(*connection, read_only);
  if (!sql.empty()) setup.exec(sql);
  setup.commit();
  return connection;
}

}  // namespace

std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings) {
  return open_session(settings, std::nullopt);
}

std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings, const ReadOnlySession& session) {
  return open_session(settings, session);
}

std::string describe_database_error(const std::exception& error) {
  std::string text = one_line(error.what());
  // libpq prefixes server errors with "ERROR:  "; the caller adds its own context.
  if (starts_with(text, "ERROR:")) text = trim(text.substr(6));
  return mask_secrets(text);
}

}  // namespace plumb
