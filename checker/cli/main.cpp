// plumb's entry point: parse the command line, apply plumb.yml, run one
// command, map errors to exit codes. Everything else lives in the core
// library.
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <new>

#include "cli/command.hpp"
#include "cli/command_suggestion.hpp"
#include "cli/config_settings.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt_watch.hpp"
#include "cli/log_sink.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "db/lock_holders.hpp"
#include "report/failure_report.hpp"
#include "util/errors.hpp"
#include "util/secrets.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

const std::vector<std::string> k_text_json{"text", "json"};
const std::vector<std::string> k_report_formats{"text", "json", "junit", "sarif", "github"};

const Command k_commands[] = {
    {"ping", "connect and print the server's version, database, user and host", k_text_json, declare_ping_command},
    {"check", "run the rules files' checks against the database; exit 1 on findings", k_report_formats,
     declare_check_command},
    {"inspect", "print tables, columns, indexes and constraints as plumb reads them", k_text_json,
     declare_inspect_command},
    {"sweep", "list, or with --apply move, rows that stale_rows rules find stuck", k_report_formats,
     declare_sweep_command},
    {"migrate", "apply versioned SQL migrations safely: status, plan, up, down, validate", k_text_json,
     declare_migrate_command},
    {"models", "import the models' uniqueness rules from a Rails app's source (writes YAML)", {"text"},
     declare_models_command},
    {"lint", "lint migration files for locking hazards and against the models; exit 1 on findings", k_report_formats,
     declare_lint_command},
    {"config", "print the settings in effect (plumb.yml, flags, environment) and where each came from", k_text_json,
     declare_config_command},
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

// Turns the exception in flight into its exit code and the one line that
// says why (an InputError may add the offending line and a caret).
std::pair<int, std::string> exit_for_current_exception(const GlobalOptions& options, const std::string& command) {
  try {
    throw;
  } catch (const InputError& error) {
    return {k_exit_bad_input, error.what()};
  } catch (const LockBusy& error) {
    return {k_exit_lock_busy, error.what()};
  } catch (const RuntimeFailure& error) {
    return {k_exit_runtime_failure, one_line(error.what())};
  } catch (const pqxx::broken_connection&) {
    // The server went away mid-command (stopped, restarted, or our backend
    // killed). libpqxx's text depends on where it noticed ("Could not obtain
    // client encoding: not connected."), so say where and what instead, and
    // how to recover: every command is safe to run again.
    return {k_exit_runtime_failure, "lost the connection to the server (" + options.connection().describe() +
                                        ") during plumb " + command +
                                        ": the server closed it unexpectedly; run the command again once "
                                        "the server accepts connections"};
  } catch (const pqxx::sql_error& error) {
    return {k_exit_runtime_failure, describe_failed_statement(error, options)};
  } catch (const pqxx::failure& error) {
    return {k_exit_runtime_failure, describe_database_error(error)};
  } catch (const std::exception& error) {
    return {k_exit_runtime_failure, one_line(error.what())};
  }
}

// A CI step uploads the report file whatever happened: when the run failed
// before writing one, a SARIF or JUnit file that records the failure is
// written in its place, so the upload shows why instead of a missing file.
void write_failure_report(const GlobalOptions& options, const std::string& command, const std::string& message) {
  if (result_written()) return;
  const auto report = render_failure_report(command, options.format, mask_connection_passwords(message));
  if (!report) return;
  try {
    write_result(options, *report);
  } catch (const std::exception&) {
    // The run's own failure is the one to report.
  }
}

// Runs the command. After an interrupt, whatever the command returned or
// threw (its cancelled query fails), the one line is "plumb: interrupted".
int run_guarded(const CommandRunner& runner, const GlobalOptions& options, const std::string& command) {
  try {
    const int code = runner(options);
    return interrupt_exit_code() != 0 ? report_interrupt() : code;
  } catch (const std::bad_alloc&) {
    return interrupt_exit_code() != 0 ? report_interrupt() : out_of_memory();
  } catch (...) {
    if (interrupt_exit_code() != 0) return report_interrupt();
    const auto [code, message] = exit_for_current_exception(options, command);
    if (code == k_exit_runtime_failure) write_failure_report(options, command, message);
    return fail(code, message);
  }
}

// Once --db is parsed, its password is no longer needed in the process's
// argument memory, where every local user can read it (ps,
// /proc/PID/cmdline): it is overwritten there. Until this point it was
// visible; DATABASE_URL, --db-env, PGPASSWORD or ~/.pgpass never are.
void hide_passwords_from_ps(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) mask_connection_passwords_in_place(argv[i]);
}

// `plumb help [COMMAND...]`: the help of plumb, or of the command named.
int print_help(const CLI::App& app, const std::vector<std::string>& words) {
  const CLI::App* level = &app;
  std::string path;
  for (const auto& word : words) {
    const auto found = level->get_subcommands([&word](const CLI::App* command) { return command->get_name() == word; });
    if (found.empty()) {
      std::vector<std::string> names;
      for (const CLI::App* command : level->get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(command->get_name());
      const auto suggestion = closest_name(word, names);
      return fail(k_exit_bad_input, "unknown command '" + path + word + "'" +
                                        (suggestion ? "; did you mean '" + path + *suggestion + "'?" : " (see plumb help)"));
    }
    level = found.front();
    path += word + " ";
  }
  // Not level->help(): CLI11 would print the help of the command parsed,
  // which is `help` itself.
  std::cout << level->get_formatter()->make_help(level, trim("plumb " + path), CLI::AppFormatMode::Normal);
  return k_exit_ok;
}

// "ping, check, ..., config": what a command word may be.
std::string command_list(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    if (command->get_name() != "help") names.push_back(command->get_name());
  return join(names, ", ");
}

// --format is refused once, here, for a command that does not write it.
void require_supported_format(const CLI::App& app, const Command& command, const GlobalOptions& options) {
  if (app.get_option("--format")->count() == 0) return;
  if (std::find(command.formats.begin(), command.formats.end(), options.format) != command.formats.end()) return;
  throw InputError("--format " + options.format + " is not available for plumb " + command.name + " (expected " +
                   join(command.formats, " or ") + ")");
}

// Parses the command line; returns an exit code when there is nothing to
// run (help, version, a bad flag).
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
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
    if (const auto unknown = unknown_command_message(app, argc, argv)) return fail(k_exit_bad_input, *unknown);
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && app.get_subcommands().empty())
      return fail(k_exit_bad_input, "no command given: " + command_list(app) + " (see plumb help)");
    return fail(k_exit_bad_input, one_line(error.what()) + " (see plumb --help)");
  }
  return std::nullopt;
}

int run(int argc, char** argv) {
  CLI::App app{"plumb keeps a PostgreSQL database true to the rules of the application that uses it."};
  app.name("plumb");
  app.set_version_flag("-V,--version", std::string("plumb ") + PLUMB_VERSION);
  app.require_subcommand(1);
  GlobalOptions options;
  add_global_options(app, options);

  std::map<CLI::App*, std::pair<const Command*, CommandRunner>> runners;
  for (const auto& command : k_commands) {
    CLI::App* subcommand = app.add_subcommand(command.name, command.description);
    subcommand->footer("Writes --format " + join(command.formats, ", ") +
                       ". Global options (--db, --format, --output, --config, -v, -q) go before or after the "
                       "command; see plumb --help.\n");
    runners[subcommand] = {&command, command.declare(*subcommand)};
  }
  std::vector<std::string> help_words;
  CLI::App* help = app.add_subcommand("help", "print the help of plumb or of a command (plumb help migrate up)");
  help->add_option("command", help_words, "the command");

  if (const auto code = parse_command_line(app, argc, argv)) return *code;
  hide_passwords_from_ps(argc, argv);
  configure_logging(options.verbose, options.quiet);
  if (help->parsed()) return print_help(app, help_words);
  for (const auto& [subcommand, entry] : runners) {
    if (!subcommand->parsed()) continue;
    const auto& [command, runner] = entry;
    const std::string words = command_words(*subcommand);
    try {
      apply_config_file(*subcommand, command->formats, options);
      require_supported_format(app, *command, options);
    } catch (const InputError& error) {
      return fail(k_exit_bad_input, error.what());
    }
    return run_guarded(runner, options, words);
  }
  return fail(k_exit_bad_input, "no command given (see plumb help)");
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
