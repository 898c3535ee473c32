// warn_when_superuser: the once-per-run warning that plumb is connected as
// a superuser. A superuser can read server files and end other sessions:
// whatever the guards on a rule's SQL miss, such a role would let through.
#pragma once

#include <pqxx/pqxx>

namespace plumb {

// Logs one warning when `connection`'s user is a superuser (one read-only
// query, rolled back).
void warn_when_superuser(pqxx::connection& connection);

}  // namespace plumb
