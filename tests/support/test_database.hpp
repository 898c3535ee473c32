// TestDatabase: a fresh, empty database of its own for one [db] test, created
// on the server named by the PG* variables and dropped afterwards, so tests
// run in any order and in parallel.
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>

#include "db/connection_settings.hpp"

namespace plumb::testing {

class TestDatabase {
 public:
  // Creates the database. Throws (so the test fails, never skips) when PGHOST
  // is unset or the server cannot be reached.
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return m_name; }
  // Settings that reach this database (the PG* variables, with its dbname).
  const ConnectionSettings& settings() const { return m_settings; }
  // A libpq keyword/value string for it, e.g. for `plumb --db`.
  std::string conninfo() const { return "dbname=" + m_name; }

  std::unique_ptr<pqxx::connection> connect() const;
  // Runs `sql` (several statements allowed) in one transaction and commits.
  void execute(const std::string& sql) const;
  // The first column of the first row of `sql`, as text ("" for NULL).
  std::string query_value(const std::string& sql) const;

 private:
  std::string m_name;
  ConnectionSettings m_settings;
};

}  // namespace plumb::testing
