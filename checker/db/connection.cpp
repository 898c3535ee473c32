#include "db/connection.hpp"

#include "util/errors.hpp"
#include "util/secrets.hpp"
#include "util/text.hpp"

namespace plumb {

std::unique_ptr<pqxx::connection> connect(const ConnectionSettings& settings) {
  try {
    return std::make_unique<pqxx::connection>(settings.libpq_string());
  } catch (const pqxx::broken_connection& error) {
    throw RuntimeFailure("cannot connect to " + settings.describe() + ": " +
                         describe_database_error(error));
  }
}

std::string describe_database_error(const std::exception& error) {
  std::string text = one_line(error.what());
  // libpq prefixes server errors with "ERROR:  "; the caller adds its own context.
  if (starts_with(text, "ERROR:")) text = trim(text.substr(6));
  return mask_secrets(text);
}

}  // namespace plumb
