// ConnectionSettings: where plumb connects, resolved in the order docs/connecting.md gives:
// `--db` (a libpq keyword/value string or a postgresql:// URI), or the
// variable that `--db-env` names, else DATABASE_URL, else libpq's own PG*
// variables and .pgpass.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace plumb {

class ConnectionSettings {
 public:
  // Resolves the connection from `db_flag` (empty when --db was not given),
  // `db_env` (the name of the variable --db-env gives, or empty) and the
  // environment. Throws InputError (masked) when the chosen string does not
  // parse as libpq would parse it, or when --db-env names a variable that is
  // not set. Registers any password found, including PGPASSWORD, with
  // mask_secrets(). `given_in` says where db_flag or db_env came from when
  // not from the flags (e.g. "plumb.yml:2"), for origin() and messages.
  // A port or connect_timeout that is not a number is refused here too:
  // libpq would only say so when connecting, as if the server were down.
  static ConnectionSettings resolve(const std::string& db_flag, const std::string& db_env = "",
                                    const std::string& given_in = "");

  // Parses one explicit connection string, as resolve() does for --db.
  // A URI whose user name or password holds an unescaped '@' is refused
  // (InputError, with the hint to percent-encode it): libpq would take what
  // follows the first '@' for the host, and so show part of the password
  // as a host name.
  static ConnectionSettings from_string(const std::string& conninfo, const std::string& origin);

  // The string handed to libpq: the user's options as keyword/value pairs,
  // plus fallback_application_name=plumb and a connect_timeout when the user
  // set none, so that a dead host fails in seconds rather than minutes.
  std::string libpq_string() const;

  // The same options with the database name replaced by `dbname`: for
  // connecting to a sibling database (tests, demo) with the same credentials.
  ConnectionSettings with_dbname(const std::string& dbname) const;

  // For messages: the explicit options with the password shown as ****, or
  // "libpq defaults (PG* environment)" when none were given.
  std::string describe() const;

  // Where the settings came from: "--db", "--db-env NAME", "DATABASE_URL",
  // "PG* environment", or "db in plumb.yml:2" / "db_env NAME in plumb.yml:2".
  const std::string& origin() const { return m_origin; }

  // An explicit option's value, if the user gave it.
  std::optional<std::string> option(const std::string& keyword) const;

 private:
  std::map<std::string, std::string> m_options;  // only what the user set
  std::string m_origin;
};

}  // namespace plumb
