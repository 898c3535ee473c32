#include "support/table_locker.hpp"

namespace plumb::testing {

TableLocker::TableLocker(const TestDatabase& database, const std::string& table, const std::string& application)
    : m_connection(database.conninfo() + " application_name=" + application),
      m_work(m_connection),
      m_table(table),
      m_application(application) {
  m_work.exec("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
}

std::string TableLocker::described() const {
  return "ACCESS EXCLUSIVE lock (it blocks reads) held by pid " + std::to_string(pid()) + " (application_name '" +
         m_application + "', idle in transaction) on " + m_table + "; its query: LOCK TABLE " + m_table +
         " IN ACCESS EXCLUSIVE MODE";
}

}  // namespace plumb::testing
