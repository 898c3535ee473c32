// GlobalOptions: the flags every command takes (connection, output, logging).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "db/connection_settings.hpp"

namespace plumb::cli {

struct GlobalOptions {
  std::string db;              // --db: libpq string or URI; empty means DATABASE_URL, then PG*
  std::string format = "text"; // --format: text|json|junit|sarif|github (commands say which they take)
  std::string output;          // --output: a file for the results instead of stdout
  bool verbose = false;        // --verbose: debug logs on stderr
  bool quiet = false;          // --quiet: only warnings and errors on stderr

  // The connection these flags and the environment select.
  ConnectionSettings connection() const { return ConnectionSettings::resolve(db); }
};

// Declares the global flags on `app`; they are accepted before or after the
// subcommand's name.
void add_global_options(CLI::App& app, GlobalOptions& options);

}  // namespace plumb::cli
