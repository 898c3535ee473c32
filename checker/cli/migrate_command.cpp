// `plumb migrate status | plan | up | down | validate`: versioned migrations
// from --migrations DIR against the database's history table.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "migrate/migration_runner.hpp"
#include "migrate/migration_status.hpp"
#include "migrate/statement_lock.hpp"
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
  int retries = 5;
  bool allow_out_of_order = false;
  long long to = -1;  // --to; -1 when not given

  std::optional<long long> target() const { return to < 0 ? std::nullopt : std::optional<long long>(to); }
};

// Everything the flags say, checked before any connection is made.
struct MigrateInput {
  std::vector<MigrationFile> files;
  MigrationHistory history;
  RunnerOptions options;
};

MigrateInput read_input(const MigrateFlags& flags) {
  RunnerOptions options;
  options.lock_timeout = parse_duration(flags.lock_timeout, "--lock-timeout");
  options.statement_timeout = parse_duration(flags.statement_timeout, "--statement-timeout");
  options.lock_wait = parse_duration(flags.lock_wait, "--lock-wait");
  options.retries = flags.retries;
  options.allow_out_of_order = flags.allow_out_of_order;
  if (options.lock_timeout.count() == 0) throw InputError("--lock-timeout: must be more than 0 (DDL must not wait forever)");
  if (flags.retries < 0) throw InputError("--retries: must be 0 or more");
  return {load_migrations(flags.migrations), MigrationHistory(HistoryTable::parse(flags.history_table)), options};
}

std::vector<MigrationStatusEntry> read_status(const GlobalOptions& global, const MigrateInput& input) {
  auto connection = connect(global.connection());
  return compare_with_history(input.files, input.history.read(*connection));
}

nlohmann::json entry_json(const MigrationStatusEntry& entry) {
  nlohmann::json json = {{"version", entry.version}, {"name", entry.name}, {"state", to_string(entry.state)},
                         {"out_of_order", entry.out_of_order}};
  if (entry.file) json["file"] = {{"path", entry.file->path}, {"checksum", entry.file->checksum},
                                  {"transactional", entry.file->transactional}};
  if (entry.applied)
    json["applied"] = {{"checksum", entry.applied->checksum}, {"applied_at", entry.applied->applied_at},
                       {"duration_ms", entry.applied->duration_ms}, {"applied_by", entry.applied->applied_by},
                       {"client_host", entry.applied->client_host}, {"outcome", entry.applied->outcome}};
  return json;
}

std::string entry_line(const MigrationStatusEntry& entry) {
  std::string line = fmt::format("{:<4}  {:<40}  {:<12}", entry.version, entry.name, to_string(entry.state));
  if (entry.applied && entry.state != MigrationState::pending)
    line += fmt::format("  {} by {}@{} ({} ms)", entry.applied->applied_at, entry.applied->applied_by,
                        entry.applied->client_host, entry.applied->duration_ms);
  if (entry.applied && entry.state == MigrationState::pending) line += "  last run: " + entry.applied->outcome;
  if (entry.out_of_order) line += "  (out of order)";
  return trim(line);
}

bool needs_attention(const MigrationStatusEntry& entry) { return entry.state != MigrationState::applied; }

int run_status(const GlobalOptions& global, const MigrateInput& input) {
  const auto entries = read_status(global, input);
  const auto waiting = std::count_if(entries.begin(), entries.end(), needs_attention);
  if (global.format == "json") {
    nlohmann::json json = {{"history_table", input.history.table().qualified()}, {"migrations", nlohmann::json::array()}};
    for (const auto& entry : entries) json["migrations"].push_back(entry_json(entry));
    write_result(global, json.dump(2) + "\n");
  } else {
    std::string text;
    for (const auto& entry : entries) text += entry_line(entry) + "\n";
    text += waiting == 0 ? "up to date\n" : std::to_string(waiting) + " migration(s) need attention\n";
    write_result(global, text);
  }
  // Exit 1 when anything is pending, edited or missing, so CI can gate on it.
  return waiting == 0 ? k_exit_ok : k_exit_findings;
}

std::vector<MigrationStatusEntry> planned(const std::vector<MigrationStatusEntry>& entries, std::optional<long long> to) {
  std::vector<MigrationStatusEntry> pending;
  for (const auto& entry : entries)
    if (entry.state == MigrationState::pending && (!to || entry.version <= *to)) pending.push_back(entry);
  return pending;
}

nlohmann::json statement_json(const SqlStatement& statement) {
  const auto lock = lock_taken(statement);
  return {{"location", statement.where().to_string()}, {"sql", statement.text()}, {"lock", lock.mode},
          {"tables", lock.tables}, {"effect", lock.effect}, {"autocommit", needs_autocommit(statement)}};
}

std::string statement_text(const SqlStatement& statement) {
  const auto lock = lock_taken(statement);
  const std::string first_line = split(statement.text(), '\n')[0];
  std::string text = "  " + statement.where().to_string() + "  " + first_line +
                     (first_line.size() < statement.text().size() ? " ..." : "") + "\n";
  text += "      lock: " + lock.mode;
  if (!lock.tables.empty()) text += " on " + join(lock.tables, ", ");
  return text + " (" + lock.effect + ")\n";
}

int run_plan(const GlobalOptions& global, const MigrateInput& input, std::optional<long long> to) {
  const auto entries = read_status(global, input);
  validate(entries, input.options.allow_out_of_order);
  const auto pending = planned(entries, to);
  nlohmann::json json = nlohmann::json::array();
  std::string text = pending.empty() ? "nothing to apply\n" : "";
  for (const auto& entry : pending) {
    const auto& file = *entry.file;
    nlohmann::json statements = nlohmann::json::array();
    text += file.label() + (file.transactional ? " (one transaction)\n" : " (no transaction: each statement on its own)\n");
    // Only the format asked for is built: a file of 1.5 million statements
    // made both together take gigabytes.
    for (const auto& statement : file.up) {
      if (global.format == "json") statements.push_back(statement_json(statement));
      else text += statement_text(statement);
    }
    json.push_back({{"version", file.version}, {"name", file.name}, {"transactional", file.transactional},
                    {"statements", statements}});
  }
  text.shrink_to_fit();  // grown by doubling; write_result's masked copies come on top
  write_result(global, global.format == "json" ? json.dump(2) + "\n" : text);
  return k_exit_ok;
}

std::string steps_text(const std::vector<MigrationStep>& steps, bool up) {
  if (steps.empty()) return up ? "nothing to apply: up to date\n" : "nothing to revert\n";
  std::string text;
  for (const auto& step : steps)
    text += fmt::format("{} {} in {} ms{}{}\n", step.up ? "applied " : "reverted", step.label, step.duration_ms,
                        step.transactional ? "" : " (no transaction)",
                        step.retries > 0 ? " after " + std::to_string(step.retries) + " lock retries" : "");
  return text;
}

int run_action(const MigrateFlags& flags, const GlobalOptions& global) {
  const MigrateInput input = read_input(flags);  // bad files and flags: exit 2 before connecting
  if (flags.action == "status") return run_status(global, input);
  if (flags.action == "plan") return run_plan(global, input, flags.target());
  if (flags.action == "validate") {
    validate(read_status(global, input), input.options.allow_out_of_order);
    write_result(global, "migrations match the database's history\n");
    return k_exit_ok;
  }
  MigrationRunner runner(global.connection(), input.history, input.options);
  const bool up = flags.action == "up";
  const auto steps = up ? runner.up(input.files, flags.target()) : runner.down(input.files, flags.target());
  write_result(global, steps_text(steps, up));
  return k_exit_ok;
}

void add_action(CLI::App& migrate, const std::shared_ptr<MigrateFlags>& flags, const char* name,
                const char* description, bool takes_to) {
  CLI::App* action = migrate.add_subcommand(name, description);
  action->fallthrough();
  action->callback([flags, name] { flags->action = name; });
  if (takes_to) action->add_option("--to", flags->to, "stop at this version")->check(CLI::NonNegativeNumber);
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
  add_action(command, flags, "status", "applied, pending, edited and missing migrations (exit 1 when any is not applied)", false);
  add_action(command, flags, "plan", "dry run: the pending statements, their transaction mode and locks", true);
  add_action(command, flags, "up", "apply pending migrations", true);
  add_action(command, flags, "down", "revert the last migration, or all above --to", true);
  add_action(command, flags, "validate", "refuse edited, missing and out-of-order migrations", false);
  return [flags](const GlobalOptions& global) { return run_action(*flags, global); };
}

}  // namespace plumb::cli
