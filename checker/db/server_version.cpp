#include "db/server_version.hpp"

#include "util/errors.hpp"

namespace plumb {

std::string server_version_text(int server_version_num) {
  return std::to_string(server_version_num / 10000) + "." + std::to_string(server_version_num % 10000);
}

void require_supported_server(int server_version_num, const std::string& target) {
  if (server_version_num >= k_minimum_server_version) return;
  throw RuntimeFailure("the server (" + target + ") runs PostgreSQL " + server_version_text(server_version_num) +
                       "; plumb needs PostgreSQL " + std::to_string(k_minimum_server_version / 10000) +
                       " or later (it reads catalog columns that older servers do not have)");
}

}  // namespace plumb
