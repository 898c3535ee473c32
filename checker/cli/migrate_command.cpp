// `plumb migrate status | plan | up | down | validate | baseline | repair |
// new`: versioned migrations from --migrations DIR against the database's
// history table.

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/fleet_flags.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "fleet/fleet_runner.hpp"
#include "fleet/target_migration_run.hpp"
#include "report/fleet_migration_report.hpp"
#include "migrate/migration_repair.hpp"
#include "migrate/migration_runner.hpp"
#include "migrate/migration_status.hpp"
#include "migrate/migration_template.hpp"
#include "report/migration_report.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

struct MigrateFlags {
  std::string action;
  std::string migrations = "migrations";
  std::string history_table = "plumb_schema_migrations";
  std::string lock_timeout = "5s";
  std::string statement_timeout = "0";
  std::string lock_wait = "60s";
  std::string retries = "5";
  bool allow_out_of_order = false;
  std::string to;           // --to of plan, up and down, as typed; empty when not given
  std::string version;      // baseline --version
  std::string description;  // baseline --description
  bool force = false;       // baseline --force
  bool apply = false;       // repair --apply
  std::string reason;       // repair --reason
  std::string name;         // new NAME
  bool concurrent_index = false;  // new --concurrent-index
  FleetFlags fleet;               // --targets FILE, --target, --parallel
  int canary = 0;                 // up --canary N: the first N targets one by one, first
  bool keep_going = false;        // up --keep-going: start the next targets after a failure
};

// Everything the flags say, checked before any connection is made.
struct MigrateInput {
  std::vector<MigrationFile> files;
  MigrationHistory history;
  RunnerOptions options;
  std::optional<long long> to;
};

// A whole number of at most 15 digits, as versions are; `what` says what the
// flag expects in the message ("--to expects a version number, got 'abc'").
long long parse_number(const std::string& text, const std::string& flag, const std::string& what) {
  const bool digits = !text.empty() && text.size() <= 15 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) throw InputError(flag + " expects " + what + ", got '" + text + "'");
  return std::stoll(text);
}

std::optional<long long> parse_target(const std::string& to) {
  if (to.empty()) return std::nullopt;
  return parse_number(to, "--to", "a version number");
}

MigrateInput read_input(const MigrateFlags& flags) {
  RunnerOptions options;
  options.lock_timeout = parse_duration(flags.lock_timeout, "--lock-timeout");
  options.statement_timeout = parse_duration(flags.statement_timeout, "--statement-timeout");
  options.lock_wait = parse_duration(flags.lock_wait, "--lock-wait");
  const long long retries = parse_number(flags.retries, "--retries", "a whole number");
  if (retries > 1000) throw InputError("--retries: at most 1000");
  options.retries = static_cast<int>(retries);
  options.allow_out_of_order = flags.allow_out_of_order;
  if (options.lock_timeout.count() == 0) throw InputError("--lock-timeout: must be more than 0 (DDL must not wait forever)");
  const auto to = parse_target(flags.to);
  return {load_migrations(flags.migrations), MigrationHistory(HistoryTable::parse(flags.history_table)), options, to};
}

std::vector<MigrationStatusEntry> read_status(const GlobalOptions& global, const MigrateInput& input) {
  auto connection = connect(global.connection(), ReadOnlySession{input.options.lock_timeout});
  return compare_with_history(input.files, input.history.read(*connection));
}

bool needs_attention(const MigrationStatusEntry& entry) { return entry.state != MigrationState::applied; }

int run_status(const GlobalOptions& global, const MigrateInput& input) {
  const auto entries = read_status(global, input);
  const auto waiting = std::count_if(entries.begin(), entries.end(), needs_attention);
  write_result(global, render_migration_status(entries, input.history.table().qualified(), global.format));
  // Exit 1 when anything is pending, edited or missing, so CI can gate on it.
  return waiting == 0 ? k_exit_ok : k_exit_findings;
}

std::vector<MigrationStatusEntry> planned(const std::vector<MigrationStatusEntry>& entries, std::optional<long long> to) {
  std::vector<MigrationStatusEntry> pending;
  for (const auto& entry : entries)
    if (entry.state == MigrationState::pending && (!to || entry.version <= *to)) pending.push_back(entry);
  return pending;
}

int run_plan(const GlobalOptions& global, const MigrateInput& input) {
  const auto entries = read_status(global, input);
  validate(entries, input.options.allow_out_of_order);
  const auto pending = planned(entries, input.to);
  write_result(global, [&](std::ostream& out) { write_migration_plan(out, pending, global.format); });
  return k_exit_ok;
}

int run_validate(const GlobalOptions& global, const MigrateInput& input) {
  validate(read_status(global, input), input.options.allow_out_of_order);
  write_result(global, "migrations match the database's history\n");
  return k_exit_ok;
}

int run_steps(const MigrateFlags& flags, const GlobalOptions& global, const MigrateInput& input) {
  const bool up = flags.action == "up";
  MigrationRunner runner(global.connection(), input.history, input.options);
  std::vector<MigrationStep> steps;
  try {
    steps = up ? runner.up(input.files, input.to) : runner.down(input.files, input.to);
  } catch (...) {
    // The report of what did run comes first; the error, unchanged, follows
    // on stderr with its exit code (main decides both).
    if (!runner.steps().empty()) {
      try {
        write_result(global, render_migration_steps(runner.steps(), up, global.format));
      } catch (const std::exception&) {
        // The run's own failure is the one to report.
      }
    }
    throw;
  }
  write_result(global, render_migration_steps(steps, up, global.format));
  return k_exit_ok;
}

int run_baseline(const MigrateFlags& flags, const GlobalOptions& global, const MigrateInput& input) {
  const long long version = parse_number(flags.version, "--version", "a version number");
  MigrationRunner runner(global.connection(), input.history, input.options);
  const auto marked = runner.baseline(input.files, version, flags.description, flags.force);
  write_result(global, render_baseline(marked, version, global.format));
  return k_exit_ok;
}

// A dry run reads only; --apply writes under the runner lock.
int run_repair(const MigrateFlags& flags, const GlobalOptions& global, const MigrateInput& input) {
  if (flags.apply && trim(flags.reason).empty())
    throw InputError("migrate repair --apply needs --reason TEXT: why the applied files changed (kept in the history)");
  if (!flags.apply) {
    write_result(global, render_repair(plan_repair(read_status(global, input)), false, global.format));
    return k_exit_ok;
  }
  MigrationRunner runner(global.connection(), input.history, input.options);
  write_result(global, render_repair(runner.repair(input.files, flags.reason), true, global.format));
  return k_exit_ok;
}

// Reads only the folder's file names: a broken migration must not stop
// anyone from writing the next one.
int run_new(const MigrateFlags& flags, const GlobalOptions& global) {
  std::vector<std::string> existing;
  if (std::filesystem::exists(flags.migrations)) existing = list_sql_files(flags.migrations);
  const auto migration = next_migration(flags.migrations, existing, flags.name, flags.concurrent_index, std::time(nullptr));
  write_migration_template(migration);
  write_result(global, render_new_migration(migration.path, global.format));
  return k_exit_ok;
}

// `migrate status --targets`: the fleet as a table; exit 3 when a target
// could not be read, else 1 when any is behind or drifted.
int run_fleet_status(const MigrateFlags& flags, const std::vector<Target>& targets, const FleetMigrationInput& input,
                     const GlobalOptions& global) {
  std::vector<TargetMigration> results(targets.size());
  run_fleet(targets.size(), FleetRunOptions{flags.fleet.parallel}, [&](size_t index) {
    results[index] = read_target_status(targets[index], input);
    return true;
  });
  write_result(global, render_fleet_migration_status(results, global.format));
  int code = k_exit_ok;
  for (const auto& result : results) {
    if (result.status != TargetMigrationStatus::done) return k_exit_runtime_failure;
    if (waiting_versions(result) > 0 || !drifted_versions(result, results).empty()) code = k_exit_findings;
  }
  return code;
}

// `migrate up --targets`: the canaries one by one, then the rest
// --parallel at a time; after a failure no new target starts unless
// --keep-going. Exit 3 when any target did not finish.
int run_fleet_up(const MigrateFlags& flags, const std::vector<Target>& targets, const FleetMigrationInput& input,
                 const GlobalOptions& global) {
  std::vector<TargetMigration> results(targets.size());
  for (size_t index = 0; index < targets.size(); ++index) results[index].name = targets[index].name;
  run_fleet(targets.size(), FleetRunOptions{flags.fleet.parallel, flags.canary, !flags.keep_going}, [&](size_t index) {
    results[index] = migrate_target_up(targets[index], input);
    return results[index].status == TargetMigrationStatus::done;
  });
  write_result(global, render_fleet_migration_up(results, global.format));
  const bool all_done = std::all_of(results.begin(), results.end(), [](const TargetMigration& result) {
    return result.status == TargetMigrationStatus::done;
  });
  return all_done ? k_exit_ok : k_exit_runtime_failure;
}

int run_fleet_action(const MigrateFlags& flags, const GlobalOptions& global) {
  if (flags.action != "up" && flags.action != "status")
    throw InputError("--targets works with migrate up and migrate status, not migrate " + flags.action);
  const std::vector<Target> targets = flags.fleet.targets(global);
  const MigrateInput input = read_input(flags);
  const FleetMigrationInput fleet_input{input.files, input.history, input.options, input.to};
  return flags.action == "up" ? run_fleet_up(flags, targets, fleet_input, global)
                              : run_fleet_status(flags, targets, fleet_input, global);
}

int run_action(const MigrateFlags& flags, const GlobalOptions& global) {
  if (flags.fleet.given() || !flags.fleet.selectors.empty()) return run_fleet_action(flags, global);
  if (flags.canary > 0 || flags.keep_going) throw InputError("--canary and --keep-going need --targets FILE");
  if (flags.action == "new") return run_new(flags, global);
  const MigrateInput input = read_input(flags);  // bad files and flags: exit 2 before connecting
  if (flags.action == "status") return run_status(global, input);
  if (flags.action == "plan") return run_plan(global, input);
  if (flags.action == "validate") return run_validate(global, input);
  if (flags.action == "baseline") return run_baseline(flags, global, input);
  if (flags.action == "repair") return run_repair(flags, global, input);
  return run_steps(flags, global, input);
}

CLI::App* add_action(CLI::App& migrate, const std::shared_ptr<MigrateFlags>& flags, const char* name,
                     const char* description) {
  CLI::App* action = migrate.add_subcommand(name, description);
  action->fallthrough();
  action->callback([flags, name] { flags->action = name; });
  return action;
}

void add_target(CLI::App* action, MigrateFlags& flags) {
  action->add_option("--to", flags.to, "stop at this version");
}

}  // namespace

CommandRunner declare_migrate_command(CLI::App& command) {
  auto flags = std::make_shared<MigrateFlags>();
  command.require_subcommand(1);
  command.fallthrough();
  command.add_option("--migrations", flags->migrations, "directory of NNN_name.sql files")->capture_default_str();
  command.add_option("--history-table", flags->history_table, "[SCHEMA.]NAME of the history table")->capture_default_str();
  command.add_option("--lock-timeout", flags->lock_timeout, "longest wait of one DDL statement for a lock")->capture_default_str();
  command.add_option("--statement-timeout", flags->statement_timeout, "longest run of one statement (0: none)")->capture_default_str();
  command.add_option("--lock-wait", flags->lock_wait, "how long to wait for another runner (0: exit 4 at once)")->capture_default_str();
  command.add_option("--retries", flags->retries, "retries after a lock timeout")->capture_default_str();
  command.add_flag("--allow-out-of-order", flags->allow_out_of_order, "apply a pending version lower than an applied one");
  add_action(command, flags, "status", "applied, pending, edited and missing migrations (exit 1 when any is not applied)");
  add_target(add_action(command, flags, "plan", "dry run: the pending statements, their transaction mode and locks"), *flags);
  add_fleet_flags(command, flags->fleet);
  CLI::App* up = add_action(command, flags, "up", "apply pending migrations");
  add_target(up, *flags);
  up->add_option("--canary", flags->canary, "with --targets: migrate the first N targets one by one before the rest")
      ->check(CLI::NonNegativeNumber);
  up->add_flag("--keep-going", flags->keep_going, "with --targets: start the next targets after one failed");
  add_target(add_action(command, flags, "down", "revert the last migration, or all above --to"), *flags);
  add_action(command, flags, "validate", "refuse edited, renamed, missing and out-of-order migrations");
  CLI::App* baseline = add_action(command, flags, "baseline", "record the migrations up to --version as baselined, without running them");
  baseline->add_option("--version", flags->version, "the last version the database already has")->required();
  baseline->add_option("--description", flags->description, "why (kept in the history)");
  baseline->add_flag("--force", flags->force, "replace baselined and failed entries (never applied ones)");
  CLI::App* repair = add_action(command, flags, "repair", "accept changed or renamed applied files and drop failed attempts (dry run without --apply)");
  repair->add_flag("--apply", flags->apply, "write the changes to the history");
  repair->add_option("--reason", flags->reason, "why the applied files changed (required with --apply)");
  CLI::App* create = add_action(command, flags, "new", "create the next migration file and print its path");
  create->add_option("name", flags->name, "what it does, in lowercase and '_' (e.g. add_users_email)")->required();
  create->add_flag("--concurrent-index", flags->concurrent_index, "a no-transaction template for CREATE INDEX CONCURRENTLY");
  return [flags](const GlobalOptions& global) { return run_action(*flags, global); };
}

}  // namespace plumb::cli
