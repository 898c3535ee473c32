#include "cli/global_options.hpp"

#include "util/duration.hpp"

namespace plumb::cli {

ReadOnlySession SessionFlags::session() const {
  return ReadOnlySession{parse_duration(lock_timeout, "--lock-timeout"),
                         parse_duration(statement_timeout, "--statement-timeout")};
}

void add_global_options(CLI::App& app, GlobalOptions& options) {
  CLI::Option* db = app.add_option("--db", options.db,
                                   "libpq connection string or postgresql:// URI (default: plumb.yml's db or db_env, "
                                   "then DATABASE_URL, then PG* variables); other local users can read it in ps until plumb starts, so prefer "
                                   "--db-env, DATABASE_URL, PGPASSWORD or ~/.pgpass for the password")
                        ->envname("")  // DATABASE_URL is read by ConnectionSettings, so the origin can be told apart
                        ->configurable(false);
  app.add_option("--db-env", options.db_env, "read the connection string from the environment variable VAR")
      ->option_text("VAR")
      ->excludes(db);
  app.add_option("--format", options.format, "output format: text, json, junit, sarif or github")
      ->check(CLI::IsMember({"text", "json", "junit", "sarif", "github"}));
  app.add_option("--output", options.output, "write results to FILE instead of stdout");
  app.add_option("--config", options.config,
                 "read settings from FILE instead of the nearest plumb.yml (the working directory or a folder above)")
      ->option_text("FILE");
  app.add_flag("-v,--verbose", options.verbose, "more logs on stderr");
  app.add_flag("-q,--quiet", options.quiet, "only warnings and errors on stderr");
  // Subcommands inherit these so `plumb ping --db X` and `plumb --db X ping` both work.
  app.fallthrough();
}

void add_session_flags(CLI::App& command, SessionFlags& flags) {
  command.add_option("--lock-timeout", flags.lock_timeout, "give up a statement that waits this long for a lock")
      ->capture_default_str();
  command.add_option("--statement-timeout", flags.statement_timeout, "give up a statement that runs this long")
      ->capture_default_str();
}

}  // namespace plumb::cli
