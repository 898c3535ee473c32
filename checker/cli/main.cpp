// plumb's entry point: parse the command line, run one command, map errors to
// exit codes. Everything else lives in the core library.
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <new>
#include <map>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt_watch.hpp"
#include "cli/log_sink.hpp"
#include "db/connection.hpp"
#include "db/lock_holders.hpp"
#include "util/errors.hpp"
#include "util/secrets.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

const Command k_commands[] = {
    {"ping", "connect and print the server's version, database, user and host", declare_ping_command},
    {"check", "run the rules files' checks against the database; exit 1 on findings", declare_check_command},
    {"inspect", "print tables, columns, indexes and constraints as plumb reads them", declare_inspect_command},
    {"sweep", "list, or with --apply move, rows that stale_rows rules find stuck", declare_sweep_command},
    {"migrate", "apply versioned SQL migrations safely: status, plan, up, down, validate", declare_migrate_command},
    {"models", "import the models' uniqueness rules from a Rails app's source", declare_models_command},
    {"lint", "lint migration files for locking hazards and against the models; exit 1 on findings", declare_lint_command},
};

// Address space held back for the way out of an allocation failure: the
// first failure releases it before std::bad_alloc is thrown, so that the
// destructors run while unwinding can allocate (nlohmann::json's does, in a
// noexcept destructor: without this, a failure while parsing a tree ended
// in std::terminate and exit 134).
char* g_reserve = nullptr;

void release_reserve_and_throw() {
  delete[] g_reserve;
  g_reserve = nullptr;
  std::set_new_handler(nullptr);  // a later failure throws at once
  throw std::bad_alloc();
}

// Says so without allocating: there may be no memory left to build a message.
int out_of_memory() {
  std::fputs("plumb: out of memory (the input needs more memory than this process may use)\n", stderr);
  return k_exit_runtime_failure;
}

// The message is masked where its parts were made (connection strings,
// libpq's and the server's text); this last pass only catches a connection
// string that reached it whole, and leaves every other word alone.
int fail(int code, const std::string& message) {
  std::cerr << "plumb: " << mask_connection_passwords(message) << std::endl;
  return code;
}

// The words of the command line that name what ran, e.g. "migrate up".
std::string command_words(const CLI::App& command) {
  std::string words = command.get_name();
  for (const CLI::App* nested : command.get_subcommands()) words += " " + command_words(*nested);
  return words;
}

// A read that gave up waiting for a lock names who holds it. Its own
// connection went with the error, so the holders are read over a new one.
std::string describe_failed_statement(const pqxx::sql_error& error, const GlobalOptions& options) {
  if (!is_lock_timeout(error)) return describe_database_error(error);
  return describe_database_error(error) + "; " + describe_lock_holders(options.connection());
}

// Turns the exception in flight into its exit code and a single message (an
// InputError may add the offending line and a caret).
int exit_for_current_exception(const GlobalOptions& options, const std::string& command) {
  try {
    throw;
  } catch (const InputError& error) {
    return fail(k_exit_bad_input, error.what());
  } catch (const LockBusy& error) {
    return fail(k_exit_lock_busy, error.what());
  } catch (const RuntimeFailure& error) {
    return fail(k_exit_runtime_failure, one_line(error.what()));
  } catch (const pqxx::broken_connection&) {
    // The server went away mid-command (stopped, restarted, or our backend
    // killed). libpqxx's text depends on where it noticed ("Could not obtain
    // client encoding: not connected."), so say where and what instead, and
    // how to recover: every command is safe to run again.
    return fail(k_exit_runtime_failure, "lost the connection to the server (" + options.connection().describe() +
                                            ") during plumb " + command +
                                            ": the server closed it unexpectedly; run the command again once "
                                            "the server accepts connections");
  } catch (const pqxx::sql_error& error) {
    return fail(k_exit_runtime_failure, describe_failed_statement(error, options));
  } catch (const pqxx::failure& error) {
    return fail(k_exit_runtime_failure, describe_database_error(error));
  } catch (const std::bad_alloc&) {
    return out_of_memory();
  } catch (const std::exception& error) {
    return fail(k_exit_runtime_failure, one_line(error.what()));
  }
}

// Runs the command. After an interrupt, whatever the command returned or
// threw (its cancelled query fails), the one line is "plumb: interrupted".
int run_guarded(const CommandRunner& runner, const GlobalOptions& options, const std::string& command) {
  try {
    const int code = runner(options);
    return interrupt_exit_code() != 0 ? report_interrupt() : code;
  } catch (...) {
    if (interrupt_exit_code() != 0) return report_interrupt();
    return exit_for_current_exception(options, command);
  }
}

// Once --db is parsed, its password is no longer needed in the process's
// argument memory, where every local user can read it (ps,
// /proc/PID/cmdline): it is overwritten there. Until this point it was
// visible; DATABASE_URL, --db-env, PGPASSWORD or ~/.pgpass never are.
void hide_passwords_from_ps(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) mask_connection_passwords_in_place(argv[i]);
}

int run(int argc, char** argv) {
  CLI::App app{"plumb keeps a PostgreSQL database true to the rules of the application that uses it."};
  app.name("plumb");
  app.set_version_flag("--version", std::string("plumb ") + PLUMB_VERSION);
  app.require_subcommand(1);
  GlobalOptions options;
  add_global_options(app, options);

  std::map<const CLI::App*, CommandRunner> runners;
  for (const auto& command : k_commands) {
    CLI::App* subcommand = app.add_subcommand(command.name, command.description);
    subcommand->footer("Global options (--db, --format, --output, -v, -q) go before or after the command; see plumb --help.");
    runners[subcommand] = command.declare(*subcommand);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return app.exit(CLI::CallForHelp());
  } catch (const CLI::CallForAllHelp&) {
    return app.exit(CLI::CallForAllHelp());
  } catch (const CLI::CallForVersion& version) {
    std::cout << version.what() << std::endl;
    return k_exit_ok;
  } catch (const CLI::ParseError& error) {
    return fail(k_exit_bad_input, one_line(error.what()) + " (see plumb --help)");
  }

  hide_passwords_from_ps(argc, argv);
  configure_logging(options.verbose, options.quiet);
  for (const auto& [subcommand, runner] : runners)
    if (subcommand->parsed()) return run_guarded(runner, options, command_words(*subcommand));
  return fail(k_exit_bad_input, "no command given (see plumb --help)");
}

}  // namespace
}  // namespace plumb::cli

int main(int argc, char** argv) {
  plumb::cli::g_reserve = new char[16 << 20];
  std::set_new_handler(plumb::cli::release_reserve_and_throw);
  // Before any thread exists, so that every thread blocks the signals.
  plumb::cli::start_interrupt_watch();
  try {
    return plumb::cli::run(argc, argv);
  } catch (const std::bad_alloc&) {
    return plumb::cli::out_of_memory();  // outside a command: parsing the flags, or reporting a failure
  }
}
