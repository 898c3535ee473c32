#include "db/replica_state.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/private_server.hpp"
#include "support/standby_server.hpp"
#include "util/errors.hpp"

using plumb::testing::PrivateServer;
using plumb::testing::StandbyServer;

TEST_CASE("a standby is in recovery, lags 0s once caught up, and lags more while its replay is paused",
          "[db][replica]") {
  PrivateServer primary;
  StandbyServer standby(primary);
  primary.execute("CREATE TABLE batches (id int); INSERT INTO batches VALUES (1)");
  standby.catch_up(primary);
  pqxx::connection on_primary(primary.conninfo());
  pqxx::connection on_standby(standby.conninfo());
  CHECK_FALSE(plumb::in_recovery(on_primary));
  CHECK(plumb::in_recovery(on_standby));
  CHECK(plumb::replay_lag_seconds(on_primary) == 0);
  // Caught up and replaying: no lag, however long ago the last write was.
  CHECK(plumb::replay_lag_seconds(on_standby) < 1.0);

  standby.pause_replay();
  primary.execute("INSERT INTO batches VALUES (2)");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(plumb::replay_lag_seconds(on_standby) >= 1.0);
}

TEST_CASE("refuse_standby names the command and the connection, and lets a primary through", "[db][replica]") {
  PrivateServer primary;
  StandbyServer standby(primary);
  pqxx::connection on_primary(primary.conninfo());
  pqxx::connection on_standby(standby.conninfo());
  CHECK_NOTHROW(plumb::refuse_standby(on_primary, "plumb sweep", "the primary"));
  CHECK_THROWS_WITH(plumb::refuse_standby(on_standby, "plumb sweep", "host=s"),
                    "plumb sweep refused: host=s is a standby in recovery (pg_is_in_recovery()); point it at the "
                    "primary");
}
