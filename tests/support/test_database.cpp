#include "support/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "db/connection.hpp"

namespace plumb::testing {
namespace {

// The maintenance database the PG* variables name (scripts/test exports them).
ConnectionSettings server_settings() {
  const char* host = std::getenv("PGHOST");
  if (host == nullptr || *host == '\0')
    throw std::runtime_error(
        "[db] tests need a PostgreSQL server: PGHOST is not set (run them through scripts/test, "
        "or `eval \"$(scripts/pg start)\"` first)");
  return ConnectionSettings::from_string("", "PG* environment");
}

std::string unique_name() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "plumb_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 100000);
}

}  // namespace

TestDatabase::TestDatabase() : m_name(unique_name()) {
  auto admin = plumb::connect(server_settings());
  pqxx::nontransaction create(*admin);
  create.exec("CREATE DATABASE " + create.quote_name(m_name) + " TEMPLATE template0");
  m_settings = server_settings().with_dbname(m_name);
}

TestDatabase::~TestDatabase() {
  try {
    auto admin = plumb::connect(server_settings());
    pqxx::nontransaction drop(*admin);
    drop.exec("DROP DATABASE IF EXISTS " + drop.quote_name(m_name) + " WITH (FORCE)");
  } catch (...) {
    // A database left behind is removed with the throwaway server.
  }
}

std::unique_ptr<pqxx::connection> TestDatabase::connect() const { return plumb::connect(m_settings); }

void TestDatabase::execute(const std::string& sql) const {
  auto connection = connect();
  pqxx::work work(*connection);
  work.exec(sql);
  work.commit();
}

std::string TestDatabase::query_value(const std::string& sql) const {
  auto connection = connect();
  pqxx::work work(*connection);
  const auto field = work.exec1(sql)[0];
  return field.is_null() ? "" : field.as<std::string>();
}

}  // namespace plumb::testing
