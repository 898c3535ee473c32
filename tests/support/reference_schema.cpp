#include "support/reference_schema.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace plumb::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between "-- plumb:up" and "-- plumb:down". Migration 1 is plain
// transactional DDL, so it can be sent as one multi-statement string.
std::string up_part(const std::string& migration) {
  const auto up = migration.find("-- plumb:up");
  const auto down = migration.find("-- plumb:down");
  if (up == std::string::npos || down == std::string::npos) throw std::runtime_error("no up/down part");
  return migration.substr(up, down - up);
}

}  // namespace

void apply_reference_schema_at_incident(const TestDatabase& database) {
  database.execute(up_part(read_file(std::string(PLUMB_SOURCE_DIR) + "/migrations/001_reference_schema.sql")));
}

void load_incident(const TestDatabase& database) {
  database.execute(read_file(std::string(PLUMB_SOURCE_DIR) + "/fixtures/incident.sql"));
}

}  // namespace plumb::testing
