// GlobalOptions: the flags every command takes (connection, output, logging),
// and SessionFlags, the timeouts that the commands which only read take.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/config_file.hpp"
#include "db/connection.hpp"
#include "db/connection_settings.hpp"

namespace plumb::cli {

struct GlobalOptions {
  std::string db;              // --db: libpq string or URI; empty means DATABASE_URL, then PG*
  std::string db_env;          // --db-env: the name of a variable that holds the connection string
  std::string format = "text"; // --format: text|json|junit|sarif|github (commands say which they take)
  std::string output;          // --output: a file for the results instead of stdout
  bool verbose = false;        // --verbose: debug logs on stderr
  bool quiet = false;          // --quiet: only warnings and errors on stderr
  std::string config;          // --config: the plumb.yml to read instead of the nearest one

  // Filled by main from plumb.yml before the command runs:
  ConfigFile config_file;               // the plumb.yml in effect (path empty when none)
  std::string db_source;                // "plumb.yml:2" when db or db_env came from it
  std::string format_source = "default";  // "--format", "plumb.yml:4" or "default"

  // The connection these flags, plumb.yml and the environment select.
  ConnectionSettings connection() const { return ConnectionSettings::resolve(db, db_env, db_source); }
  // True when the user named a database on the command line (--db or
  // --db-env): plumb.yml's db does not make lint read the live schema.
  bool names_database() const { return (!db.empty() || !db_env.empty()) && db_source.empty(); }
};

// --lock-timeout and --statement-timeout of a command that only reads
// (inspect, lint --db): how long one of its statements may wait for a lock,
// and run.
struct SessionFlags {
  std::string lock_timeout = "5s";
  std::string statement_timeout = "60s";

  // The flags as a session's limits. Throws InputError naming the flag when
  // a value is not a duration.
  ReadOnlySession session() const;
};

// Declares the global flags on `app`; they are accepted before or after the
// subcommand's name.
void add_global_options(CLI::App& app, GlobalOptions& options);

// Declares --lock-timeout and --statement-timeout on `command`.
void add_session_flags(CLI::App& command, SessionFlags& flags);

}  // namespace plumb::cli
