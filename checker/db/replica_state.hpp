// ReplicaState: whether a server is a standby in recovery, and how far its
// replay lags behind the primary it streams from.
#pragma once

#include <pqxx/pqxx>

#include <string>

namespace plumb {

// True when the server is a standby (pg_is_in_recovery()): it cannot take
// writes, so commands that write refuse it.
bool in_recovery(pqxx::connection& connection);

// The standby's replay lag in seconds: 0 when everything received has been
// replayed and replay is not paused; otherwise now() minus the time of the
// last transaction replayed (which alone would grow forever on an idle
// primary, hence the first test); since the standby's start when it has
// replayed no transaction yet. 0 on a server that is not in recovery.
// Throws what pqxx throws when the query fails.
double replay_lag_seconds(pqxx::connection& connection);

// Throws RuntimeFailure "`what` refused: CONNECTION is a standby in
// recovery (pg_is_in_recovery()); point it at the primary" when the server
// is a standby, e.g. a multi-host string that landed on a replica.
void refuse_standby(pqxx::connection& connection, const std::string& what, const std::string& connection_text);

}  // namespace plumb
