#include "db/superuser_warning.hpp"

#include <spdlog/spdlog.h>

namespace plumb {

void warn_when_superuser(pqxx::connection& connection) {
  pqxx::read_transaction transaction(connection, "plumb_role");
  const bool superuser = transaction.exec1("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")[0].as<bool>();
  transaction.abort();
  if (superuser)
    spdlog::warn("connected as superuser {}: run plumb as a role granted only pg_read_all_data and pg_read_all_stats "
                 "(see docs/check.md, \"Running with least privilege\")", connection.username());
}

}  // namespace plumb
