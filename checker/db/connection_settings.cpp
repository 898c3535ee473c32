#include "db/connection_settings.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>

#include "util/errors.hpp"
#include "util/secrets.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const char* k_default_connect_timeout = "10";

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Quotes a value for a libpq keyword/value string: single quotes, with
// backslash and quote escaped.
std::string quote_value(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

// Only the options the string sets explicitly: PQconninfoParse applies no
// defaults, so everything it leaves unset is still libpq's (PG* variables,
// .pgpass) to fill in at connect time.
std::map<std::string, std::string> parse_conninfo(const std::string& conninfo,
                                                  const std::string& origin) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
  if (parsed == nullptr) {
    std::string reason = error ? one_line(error) : "out of memory";
    if (error) PQfreemem(error);
    throw InputError(mask_secrets("invalid connection string from " + origin + ": " + reason));
  }
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> guard(parsed, PQconninfoFree);
  std::map<std::string, std::string> options;
  for (auto* option = parsed; option->keyword != nullptr; ++option) {
    if (option->val != nullptr && *option->val != '\0') options[option->keyword] = option->val;
  }
  return options;
}

// libpq reads a URI's user and password up to the first '@' (or '/'); a
// second '@' before the first '/' means one of them holds an '@' unescaped.
void refuse_unescaped_at(const std::string& conninfo, const std::string& origin) {
  const size_t scheme_end = conninfo.find("://");
  if (scheme_end == std::string::npos) return;
  const std::string scheme = conninfo.substr(0, scheme_end);
  if (scheme != "postgresql" && scheme != "postgres") return;
  const std::string authority = conninfo.substr(scheme_end + 3, conninfo.find('/', scheme_end + 3) - scheme_end - 3);
  const size_t first_at = authority.find('@');
  if (first_at == std::string::npos || authority.find('@', first_at + 1) == std::string::npos) return;
  throw InputError("invalid connection string from " + origin +
                   ": the user name or password holds an unescaped '@', which libpq would read as the start of "
                   "the host; percent-encode it as %40 (p@ss becomes p%40ss)");
}

bool is_whole_number(const std::string& text) {
  return !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
}

// PQconninfoParse takes any text for a number; libpq refuses it only when
// connecting, which would look like a server that cannot be reached (exit 3)
// rather than the typing mistake it is (exit 2). A port may list one per
// host ("5432,5433"), and an empty one means the default.
void refuse_non_numbers(const std::map<std::string, std::string>& options, const std::string& origin) {
  if (const auto port = options.find("port"); port != options.end())
    for (const auto& each : split(port->second, ','))
      if (!each.empty() && !is_whole_number(each))
        throw InputError("invalid connection string from " + origin + ": port '" + each + "' is not a number");
  if (const auto timeout = options.find("connect_timeout"); timeout != options.end())
    if (!is_whole_number(timeout->second))
      throw InputError("invalid connection string from " + origin + ": connect_timeout '" + timeout->second +
                       "' is not a whole number of seconds");
}

}  // namespace

ConnectionSettings ConnectionSettings::from_string(const std::string& conninfo,
                                                   const std::string& origin) {
  refuse_unescaped_at(conninfo, origin);
  ConnectionSettings settings;
  settings.m_origin = origin;
  settings.m_options = parse_conninfo(conninfo, origin);
  if (auto password = settings.option("password")) register_secret(*password);
  refuse_non_numbers(settings.m_options, origin);
  return settings;
}

ConnectionSettings ConnectionSettings::resolve(const std::string& db_flag, const std::string& db_env,
                                               const std::string& given_in) {
  // libpq reads PGPASSWORD itself; it must be masked all the same.
  register_secret(env("PGPASSWORD"));
  if (!db_flag.empty()) return from_string(db_flag, given_in.empty() ? "--db" : "db in " + given_in);
  if (!db_env.empty()) {
    const std::string origin = given_in.empty() ? "--db-env " + db_env : "db_env " + db_env + " in " + given_in;
    const std::string named = env(db_env.c_str());
    if (named.empty()) throw InputError(origin + ": the environment variable is not set or empty");
    return from_string(named, origin);
  }
  const std::string url = env("DATABASE_URL");
  if (!url.empty()) return from_string(url, "DATABASE_URL");
  ConnectionSettings settings;
  settings.m_origin = "PG* environment";
  return settings;
}

std::string ConnectionSettings::libpq_string() const {
  auto options = m_options;
  options.emplace("fallback_application_name", "plumb");
  if (env("PGCONNECT_TIMEOUT").empty()) options.emplace("connect_timeout", k_default_connect_timeout);
  std::string conninfo;
  for (const auto& [keyword, value] : options) {
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += keyword + "=" + quote_value(value);
  }
  return conninfo;
}

ConnectionSettings ConnectionSettings::with_dbname(const std::string& dbname) const {
  ConnectionSettings copy = *this;
  copy.m_options["dbname"] = dbname;
  return copy;
}

std::string ConnectionSettings::describe() const {
  if (m_options.empty()) return "libpq defaults (PG* environment)";
  std::string text;
  for (const auto& [keyword, value] : m_options) {
    if (!text.empty()) text += ' ';
    text += keyword + "=" + (keyword == "password" ? "****" : value);
  }
  return mask_secrets(text);
}

std::optional<std::string> ConnectionSettings::option(const std::string& keyword) const {
  const auto found = m_options.find(keyword);
  if (found == m_options.end()) return std::nullopt;
  return found->second;
}

}  // namespace plumb
