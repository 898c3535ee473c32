#include "cli/global_options.hpp"

namespace plumb::cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--db", options.db,
                 "libpq connection string or postgresql:// URI (default: DATABASE_URL, then PG* variables)")
      ->envname("")  // DATABASE_URL is read by ConnectionSettings, so the origin can be told apart
      ->configurable(false);
  app.add_option("--format", options.format, "output format: text, json, junit, sarif or github")
      ->check(CLI::IsMember({"text", "json", "junit", "sarif", "github"}));
  app.add_option("--output", options.output, "write results to FILE instead of stdout");
  app.add_flag("-v,--verbose", options.verbose, "more logs on stderr");
  app.add_flag("-q,--quiet", options.quiet, "only warnings and errors on stderr");
  // Subcommands inherit these so `plumb ping --db X` and `plumb --db X ping` both work.
  app.fallthrough();
}

}  // namespace plumb::cli
