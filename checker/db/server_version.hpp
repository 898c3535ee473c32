// ServerVersion: the oldest PostgreSQL plumb works with, and the check made
// on every connection.
#pragma once

#include <string>

namespace plumb {

// PostgreSQL 15: the catalog reader reads pg_index.indnullsnotdistinct
// (new in 15), and every session sets client_connection_check_interval
// (new in 14). tests/db/server_version_test.cpp checks that the server the
// tests run on has both.
constexpr int k_minimum_server_version = 150000;

// "14.11" for 140011, as PostgreSQL writes its version (10 and later).
std::string server_version_text(int server_version_num);

// Throws RuntimeFailure (exit 3) with one line naming `target` (already
// masked), the server's version and the minimum, when `server_version_num`
// is below k_minimum_server_version.
void require_supported_server(int server_version_num, const std::string& target);

}  // namespace plumb
