#include "support/standby_server.hpp"

#include <pqxx/pqxx>

#include <array>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace plumb::testing {
namespace {

std::string run_shell(const std::string& command, int& status) {
  std::string text;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), read);
  const int result = pclose(pipe);
  status = WIFEXITED(result) ? WEXITSTATUS(result) : -1;
  return text;
}

std::string exported(const std::string& lines, const std::string& name) {
  const std::string prefix = "export " + name + "='";
  const auto start = lines.find(prefix);
  if (start == std::string::npos) throw std::runtime_error("scripts/pg start-standby printed no " + name + ": " + lines);
  const auto begin = start + prefix.size();
  return lines.substr(begin, lines.find('\'', begin) - begin);
}

const std::string k_pg = std::string(PLUMB_SOURCE_DIR) + "/scripts/pg";

}  // namespace

StandbyServer::StandbyServer(const PrivateServer& primary) {
  int status = 0;
  const std::string output = run_shell(k_pg + " start-standby '" + primary.directory() + "' 2>&1", status);
  if (status != 0) throw std::runtime_error("scripts/pg start-standby failed: " + output);
  m_directory = exported(output, "PLUMB_PG_DIR");
  m_port = exported(output, "PGPORT");
}

StandbyServer::~StandbyServer() {
  int status = 0;
  run_shell(k_pg + " stop '" + m_directory + "' >/dev/null 2>&1", status);
}

std::string StandbyServer::conninfo() const {
  return "host=" + m_directory + " port=" + m_port + " user=postgres dbname=app";
}

std::string StandbyServer::failover_conninfo(const PrivateServer& primary) const {
  return "host=" + primary.directory() + "," + m_directory + " port=" + primary.port() + "," + m_port +
         " user=postgres dbname=app target_session_attrs=read-write";
}

void StandbyServer::catch_up(const PrivateServer& primary) const {
  const std::string written = primary.query_value("SELECT pg_current_wal_lsn()::text");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (query_value("SELECT pg_last_wal_replay_lsn() >= '" + written + "'::pg_lsn") != "t") {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the standby did not catch up in 30s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void StandbyServer::pause_replay() const { query_value("SELECT pg_wal_replay_pause()"); }

void StandbyServer::promote() const {
  int status = 0;
  const std::string output = run_shell(k_pg + " promote '" + m_directory + "' 2>&1", status);
  if (status != 0) throw std::runtime_error("scripts/pg promote failed: " + output);
}

std::string StandbyServer::query_value(const std::string& sql) const {
  pqxx::connection connection(conninfo());
  pqxx::nontransaction query(connection);
  const auto field = query.exec1(sql)[0];
  return field.is_null() ? "" : field.as<std::string>();
}

}  // namespace plumb::testing
