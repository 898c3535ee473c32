#include "support/private_server.hpp"

#include <pqxx/pqxx>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace plumb::testing {
namespace {

const std::string k_pg_bin = "/usr/lib/postgresql/15/bin";

struct Output {
  int status = -1;
  std::string text;
};

// Runs `command` through the shell and returns its exit status and stdout.
Output run_shell(const std::string& command) {
  Output output;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.text.append(buffer.data(), read);
  const int status = pclose(pipe);
  output.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

// initdb and pg_ctl refuse to run as root; scripts/pg runs them as postgres.
std::string as_owner(const std::string& command) {
  return (geteuid() == 0 ? "runuser -u postgres -- " : "") + command;
}

// The value of `export NAME='value'` in scripts/pg's output.
std::string exported(const std::string& lines, const std::string& name) {
  const std::string prefix = "export " + name + "='";
  const auto start = lines.find(prefix);
  if (start == std::string::npos) throw std::runtime_error("scripts/pg start printed no " + name + ": " + lines);
  const auto begin = start + prefix.size();
  return lines.substr(begin, lines.find('\'', begin) - begin);
}

}  // namespace

PrivateServer::PrivateServer() {
  // scripts/pg turns synchronous_commit off for speed; a test that crashes
  // the server must not lose what it committed just before (its own setup).
  const Output started =
      run_shell("PLUMB_PG_OPTIONS='-c synchronous_commit=on' " + std::string(PLUMB_SOURCE_DIR) + "/scripts/pg start 2>&1");
  if (started.status != 0) throw std::runtime_error("scripts/pg start failed: " + started.text);
  m_directory = exported(started.text, "PLUMB_PG_DIR");
  m_port = exported(started.text, "PGPORT");
  pqxx::connection admin("host=" + m_directory + " port=" + m_port + " user=postgres dbname=postgres");
  pqxx::nontransaction create(admin);
  create.exec("CREATE DATABASE app");
}

PrivateServer::~PrivateServer() {
  run_shell(std::string(PLUMB_SOURCE_DIR) + "/scripts/pg stop '" + m_directory + "' >/dev/null 2>&1");
}

std::string PrivateServer::conninfo() const {
  return "host=" + m_directory + " port=" + m_port + " user=postgres dbname=app";
}

void PrivateServer::crash() {
  const Output stopped =
      run_shell(as_owner(k_pg_bin + "/pg_ctl -D '" + m_directory + "/data' -m immediate -w stop 2>&1"));
  if (stopped.status != 0) throw std::runtime_error("pg_ctl stop -m immediate failed: " + stopped.text);
}

void PrivateServer::restart() {
  // `restart` on a stopped server starts it with the options it last ran
  // with (data/postmaster.opts): the same socket folder, port and settings.
  const Output started = run_shell(as_owner(k_pg_bin + "/pg_ctl -D '" + m_directory + "/data' -l '" +
                                            m_directory + "/server.log' -w -t 60 restart 2>&1"));
  if (started.status != 0) throw std::runtime_error("pg_ctl restart failed: " + started.text);
}

void PrivateServer::execute(const std::string& sql) const {
  pqxx::connection connection(conninfo());
  pqxx::work work(connection);
  work.exec(sql);
  work.commit();
}

std::string PrivateServer::query_value(const std::string& sql) const {
  pqxx::connection connection(conninfo());
  pqxx::work work(connection);
  const auto field = work.exec1(sql)[0];
  return field.is_null() ? "" : field.as<std::string>();
}

}  // namespace plumb::testing
