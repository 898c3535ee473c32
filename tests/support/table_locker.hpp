// TableLocker: another application's session that holds a table in ACCESS
// EXCLUSIVE mode, as a migration's ALTER TABLE does, for tests of what a
// read does behind it.
#pragma once

#include <pqxx/pqxx>

#include <string>

#include "support/test_database.hpp"

namespace plumb::testing {

class TableLocker {
 public:
  // Connects to `database` as application_name `application`, begins a
  // transaction and locks `table`; holds the lock until destroyed.
  TableLocker(const TestDatabase& database, const std::string& table, const std::string& application);

  int pid() const { return m_connection.backendpid(); }
  // What plumb says of this session when a read gave up behind it.
  std::string described() const;

 private:
  pqxx::connection m_connection;
  pqxx::work m_work;
  std::string m_table;
  std::string m_application;
};

}  // namespace plumb::testing
