// StandbyServer: a streaming standby of a PrivateServer (scripts/pg
// start-standby), for tests of replicas: where rules read, replay lag,
// commands that refuse a standby, and failover (promote).
#pragma once

#include <string>

#include "support/private_server.hpp"

namespace plumb::testing {

class StandbyServer {
 public:
  // Takes a base backup of `primary` and starts it as a hot standby that
  // streams from it. Throws std::runtime_error, with scripts/pg's output,
  // when it cannot start.
  explicit StandbyServer(const PrivateServer& primary);
  // Stops the standby and removes its folder.
  ~StandbyServer();
  StandbyServer(const StandbyServer&) = delete;
  StandbyServer& operator=(const StandbyServer&) = delete;

  // A libpq keyword/value string for database "app" on the standby.
  std::string conninfo() const;
  // One string naming the primary and this standby, that libpq connects to
  // whichever of the two takes writes (target_session_attrs=read-write).
  std::string failover_conninfo(const PrivateServer& primary) const;
  // Waits (up to 30s) until the standby has replayed everything the primary
  // has written so far. Throws on timeout.
  void catch_up(const PrivateServer& primary) const;
  // pg_wal_replay_pause(): the standby stops applying what it receives.
  void pause_replay() const;
  // scripts/pg promote: the standby ends recovery and takes writes.
  void promote() const;
  // The first column of the first row of `sql` on "app", as text ("" for NULL).
  std::string query_value(const std::string& sql) const;

 private:
  std::string m_directory;
  std::string m_port;
};

}  // namespace plumb::testing
