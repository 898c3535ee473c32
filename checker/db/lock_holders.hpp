// LockHolders: who holds the lock a read gave up waiting for, so that a
// lock_timeout says which session to look at instead of only "lock timeout".
#pragma once

#include <pqxx/pqxx>

#include <string>

#include "db/connection_settings.hpp"

namespace plumb {

// SQLSTATE 55P03, lock_not_available: what lock_timeout raises.
inline constexpr const char* k_lock_not_available = "55P03";

// True when `error` is a statement that gave up waiting for a lock.
bool is_lock_timeout(const std::exception& error);

// The sessions of this database that hold, or wait for, an ACCESS EXCLUSIVE
// lock on a relation, read over `connection` (which must have no
// transaction open), e.g. "held by pid 4242 (application_name 'psql',
// idle in transaction) on public.things; its query: LOCK things". A read
// takes only ACCESS SHARE locks, and ACCESS EXCLUSIVE is the one mode that
// conflicts with them (a request for it that waits queues later readers
// too), so a read that timed out waited behind one of these. Up to three
// are named; another role's query shows only with pg_read_all_stats. When
// none is left (the holder finished meanwhile) says so. Never throws: a
// failure to look becomes part of the text.
std::string describe_lock_holders(pqxx::connection& connection);

// As above over a new connection made with `settings`: for a caller whose
// own connection is gone with the error.
std::string describe_lock_holders(const ConnectionSettings& settings);

}  // namespace plumb
