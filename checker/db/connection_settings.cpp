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

}  // namespace

ConnectionSettings ConnectionSettings::from_string(const std::string& conninfo,
                                                   const std::string& origin) {
  refuse_unescaped_at(conninfo, origin);
  ConnectionSettings settings;
  settings.m_origin = origin;
  settings.m_options = parse_conninfo(conninfo, origin);
  if (auto password = settings.option("password")) register_secret(*password);
  return settings;
}

ConnectionSettings ConnectionSettings::resolve(const std::string& db_flag, const std::string& db_env) {
  // libpq reads PGPASSWORD itself; it must be masked all the same.
  register_secret(env("PGPASSWORD"));
  if (!db_flag.empty()) return from_string(db_flag, "--db");
  if (!db_env.empty()) {
    const std::string named = env(db_env.c_str());
    if (named.empty()) throw InputError("--db-env " + db_env + ": the environment variable is not set or empty");
    return from_string(named, "--db-env " + db_env);
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
