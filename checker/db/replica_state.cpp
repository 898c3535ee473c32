#include "db/replica_state.hpp"

#include "util/errors.hpp"

namespace plumb {

bool in_recovery(pqxx::connection& connection) {
  pqxx::nontransaction query(connection, "plumb_recovery");
  return query.exec1("SELECT pg_is_in_recovery()")[0].as<bool>();
}

double replay_lag_seconds(pqxx::connection& connection) {
  pqxx::nontransaction query(connection, "plumb_replay_lag");
  // A paused replay with nothing left to replay still lags: the primary may
  // write at any moment and the standby will not follow. A standby that has
  // replayed no transaction since it started has no replay timestamp: its
  // data is then at least as old as its start.
  const auto row = query.exec1(
      "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 "
      "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND NOT pg_is_wal_replay_paused() THEN 0 "
      "ELSE EXTRACT(EPOCH FROM now() - COALESCE(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())) "
      "END::float8");
  return row[0].as<double>();
}

void refuse_standby(pqxx::connection& connection, const std::string& what, const std::string& connection_text) {
  if (in_recovery(connection))
    throw RuntimeFailure(what + " refused: " + connection_text +
                         " is a standby in recovery (pg_is_in_recovery()); point it at the primary");
}

}  // namespace plumb
