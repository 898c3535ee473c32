// LiveConnections: the cancel keys of every connection plumb has open, so
// that an interrupt (SIGINT, SIGTERM) can stop their queries on the server
// instead of leaving them to run on after plumb is gone.
#pragma once

#include <pqxx/pqxx>

namespace plumb {

// Remembers the cancel key of the connection `transaction` runs on until
// libpq closes that connection (PQfinish forgets it by itself, whoever calls
// it). Called by connect() in the thread that owns the connection; a
// transaction is needed because pqxx 6.4 shows its libpq handle through one.
// Throws RuntimeFailure("interrupted") once interrupt_all_queries() has run,
// so that no new work starts after an interrupt.
void track_connection(const pqxx::dbtransaction& transaction);

// Sends a cancel request (libpq's PQcancel) for the query in flight on
// every tracked connection. Safe to call from any thread, any number of
// times (not from a signal handler: it takes a mutex and opens sockets).
// Returns how many requests the server accepted; a connection that is idle
// when its request arrives ignores it.
int cancel_all_queries();

// What an interrupt does: from now on track_connection() throws, so no new
// connection is opened, and then cancel_all_queries().
int interrupt_all_queries();

// True once interrupt_all_queries() has run.
bool queries_interrupted();

// How many connections are tracked now: for tests.
int live_connection_count();

}  // namespace plumb
