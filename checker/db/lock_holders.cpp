#include "db/lock_holders.hpp"

#include "db/connection.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const int k_holders_named = 3;
const int k_query_characters = 200;

// Holders first, then waiters, oldest first. regclass output reads the
// catalog cache and takes no lock, so this query cannot wait behind the
// lock it describes. Only this database's relations: a lock in another
// one blocks nothing here, and its OID would name nothing.
const char* k_holders_query =
    "SELECT coalesce(l.pid::text, 'a prepared transaction'), l.granted, coalesce(a.application_name, ''),"
    "       coalesce(a.state, ''), l.relation::regclass::text, coalesce(left(a.query, $1), '')"
    "  FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'"
    "   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    "   AND l.pid IS DISTINCT FROM pg_backend_pid()"
    " ORDER BY l.granted DESC, a.xact_start NULLS LAST LIMIT $2";

std::string describe_holder(const pqxx::row& row) {
  std::string text = std::string(row[1].as<bool>() ? "held" : "awaited") + " by pid " + row[0].as<std::string>();
  const std::string application = row[2].as<std::string>();
  const std::string state = row[3].as<std::string>();
  if (!application.empty() || !state.empty())
    text += " (application_name '" + application + "'" + (state.empty() ? "" : ", " + state) + ")";
  text += " on " + row[4].as<std::string>();
  const std::string query = one_line(row[5].as<std::string>());
  return text + (query.empty() ? "" : "; its query: " + query);
}

}  // namespace

bool is_lock_timeout(const std::exception& error) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error);
  return sql != nullptr && sql->sqlstate() == k_lock_not_available;
}

std::string describe_lock_holders(pqxx::connection& connection) {
  try {
    pqxx::read_transaction look(connection, "plumb_lock_holders");
    const auto rows = look.exec_params(k_holders_query, k_query_characters, k_holders_named);
    if (rows.empty()) return "no session holds an ACCESS EXCLUSIVE lock any more (the holder finished after plumb gave up)";
    std::string text = "ACCESS EXCLUSIVE lock (it blocks reads) ";
    for (pqxx::result::size_type i = 0; i < rows.size(); ++i) text += (i == 0 ? "" : "; and ") + describe_holder(rows[i]);
    return text;
  } catch (const std::exception& error) {
    return "could not read who holds the lock: " + describe_database_error(error);
  }
}

std::string describe_lock_holders(const ConnectionSettings& settings) {
  try {
    auto connection = connect(settings, ReadOnlySession{});
    return describe_lock_holders(*connection);
  } catch (const std::exception& error) {
    return "could not read who holds the lock: " + describe_database_error(error);
  }
}

}  // namespace plumb
