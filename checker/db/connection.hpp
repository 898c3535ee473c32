// Connection: opening a pqxx connection from ConnectionSettings, with libpq's
// errors turned into plumb's (one line, password masked), the session set up
// the same way for every command, and the connection tracked so that an
// interrupt can cancel its query on the server.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <memory>
#include <string>

#include "db/connection_settings.hpp"

namespace plumb {

// The limits of a session that only reads (check, inspect, lint --db, the
// sweep's dry run, migrate status/plan/validate): it never waits forever
// behind another session's lock, and never runs a statement forever.
struct ReadOnlySession {
  // lock_timeout: how long one statement may wait for a lock. A migration's
  // ACCESS EXCLUSIVE lock blocks every read of its table.
  std::chrono::milliseconds lock_timeout{5'000};
  // statement_timeout: how long one statement may run. A transaction that
  // sets its own (SET LOCAL, as each check rule does) overrides it.
  std::chrono::milliseconds statement_timeout{60'000};
};

// Opens a connection for a command that writes (migrate up/down, sweep
// --apply), which keeps its own lock policy. Every connection, this one
// too, has client_connection_check_interval set (PostgreSQL 14 and later),
// so a backend whose plumb died without a word (kill -9) notices within a
// second and stops its query, and is tracked by LiveConnections. Throws
// RuntimeFailure with one masked line naming the target when the server
// cannot be reached or refuses the login.
std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings);

// As above, for a command that only reads: the session also has
// `session`'s lock_timeout and statement_timeout and
// default_transaction_read_only on, so that no statement of it can write
// even by mistake.
std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings, const ReadOnlySession& session);

// The text of a database exception on one line, password masked: what plumb
// shows for any pqxx error.
std::string describe_database_error(const std::exception& error);

}  // namespace plumb
