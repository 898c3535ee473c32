// PrivateServer: a PostgreSQL 15 of one test's own (scripts/pg start), which
// the test may crash and restart without touching the shared server that the
// other [db] tests use.
#pragma once

#include <string>

namespace plumb::testing {

class PrivateServer {
 public:
  // Starts a fresh server in a new temporary folder and creates the database
  // "app" on it. Throws std::runtime_error, with scripts/pg's output, when
  // the server cannot start.
  PrivateServer();
  // Stops the server (if running) and removes its folder.
  ~PrivateServer();
  PrivateServer(const PrivateServer&) = delete;
  PrivateServer& operator=(const PrivateServer&) = delete;

  // A libpq keyword/value string for database "app" on this server.
  std::string conninfo() const;
  // The server's folder (data/, the socket): what `scripts/pg start-standby` takes.
  const std::string& directory() const { return m_directory; }
  const std::string& port() const { return m_port; }

  // `pg_ctl stop -m immediate`: every backend dies at once, as in a crash or
  // a power cut, and the next start runs crash recovery. Throws on failure.
  void crash();
  // Starts the server again on the same data folder, with the same settings,
  // and waits until it accepts connections. Throws on failure.
  void restart();

  // Runs `sql` on database "app" in one transaction and commits.
  void execute(const std::string& sql) const;
  // The first column of the first row of `sql` on "app", as text ("" for NULL).
  std::string query_value(const std::string& sql) const;

 private:
  std::string m_directory;  // the server's folder: data/, the socket, server.log
  std::string m_port;
};

}  // namespace plumb::testing
