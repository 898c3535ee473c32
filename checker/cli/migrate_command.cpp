// `plumb migrate status | plan | up | down | validate | baseline | repair |
// new`: versioned migrations from --migrations DIR against the database's
// history table.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "migrate/migration_repair.hpp"
#include "migrate/migration_runner.hpp"
#include "migrate/migration_status.hpp"
#include "migrate/migration_template.hpp"
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

nlohmann::json entry_json(const MigrationStatusEntry& entry) {
  nlohmann::json json = {{"version", entry.version}, {"name", entry.name}, {"state", to_string(entry.state)},
                         {"out_of_order", entry.out_of_order}};
  if (entry.file) json["file"] = {{"path", entry.file->path}, {"checksum", entry.file->checksum},
                                  {"transactional", entry.file->transactional}};
  if (entry.applied)
    json["applied"] = {{"name", entry.applied->name}, {"checksum", entry.applied->checksum},
                       {"applied_at", entry.applied->applied_at}, {"duration_ms", entry.applied->duration_ms},
                       {"applied_by", entry.applied->applied_by}, {"client_host", entry.applied->client_host},
                       {"outcome", entry.applied->outcome}, {"reason", entry.applied->reason},
                       {"previous_checksum", entry.applied->previous_checksum}, {"error", entry.applied->error}};
  return json;
}

// The state column: an applied version says how it came to be (applied, baselined, repaired).
std::string state_word(const MigrationStatusEntry& entry) {
  if (entry.state == MigrationState::applied && !entry.applied->outcome.empty()) return entry.applied->outcome;
  return to_string(entry.state);
}

std::string entry_line(const MigrationStatusEntry& entry) {
  std::string line = fmt::format("{:<4}  {:<40}  {:<12}", entry.version, entry.name, state_word(entry));
  if (entry.applied && entry.state != MigrationState::pending)
    line += fmt::format("  {} by {}@{} ({} ms)", entry.applied->applied_at, entry.applied->applied_by,
                        entry.applied->client_host, entry.applied->duration_ms);
  if (entry.applied && entry.state != MigrationState::pending && !entry.applied->reason.empty())
    line += "  reason: " + entry.applied->reason;
  if (entry.applied && entry.state == MigrationState::pending)
    line += "  last run: " + entry.applied->outcome + (entry.applied->error.empty() ? "" : " (" + entry.applied->error + ")");
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

int run_plan(const GlobalOptions& global, const MigrateInput& input) {
  const auto entries = read_status(global, input);
  validate(entries, input.options.allow_out_of_order);
  const auto pending = planned(entries, input.to);
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

int run_validate(const GlobalOptions& global, const MigrateInput& input) {
  validate(read_status(global, input), input.options.allow_out_of_order);
  write_result(global, "migrations match the database's history\n");
  return k_exit_ok;
}

std::string step_line(const MigrationStep& step) {
  const std::string word = fmt::format("{:<8}", to_string(step.outcome));
  const std::string retried = step.retries > 0 ? " after " + std::to_string(step.retries) + " lock retries" : "";
  switch (step.outcome) {
    case StepOutcome::applied:
    case StepOutcome::reverted:
      return fmt::format("{} {} in {} ms{}{}", word, step.label, step.duration_ms,
                         step.transactional ? "" : " (no transaction)", retried);
    case StepOutcome::failed:
      return fmt::format("{} {} after {} ms{}: {}", word, step.label, step.duration_ms, retried, step.error);
    case StepOutcome::skipped:
      break;
  }
  return word + " " + step.label + " (not run: an earlier migration failed)";
}

nlohmann::json step_json(const MigrationStep& step) {
  return {{"version", step.version},
          {"name", step.name},
          {"outcome", to_string(step.outcome)},
          {"seconds", static_cast<double>(step.duration_ms) / 1000.0},
          {"error", step.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(step.error)},
          {"transactional", step.transactional},
          {"retries", step.retries}};
}

// Every migration of the run with its outcome: what a CI step reads, also
// when the run stopped halfway.
std::string steps_report(const std::vector<MigrationStep>& steps, bool up, const std::string& format) {
  if (format == "json") {
    nlohmann::json json = {{"action", up ? "up" : "down"}, {"migrations", nlohmann::json::array()}};
    for (const auto& step : steps) json["migrations"].push_back(step_json(step));
    return json.dump(2) + "\n";
  }
  if (steps.empty()) return up ? "nothing to apply: up to date\n" : "nothing to revert\n";
  std::string text;
  for (const auto& step : steps) text += step_line(step) + "\n";
  return text;
}

// up and down write text or json: their report is per migration, not a list of findings.
void refuse_finding_formats(const GlobalOptions& global, const std::string& action) {
  if (global.format != "text" && global.format != "json")
    throw InputError("--format " + global.format + ": migrate " + action + " reports in text or json");
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
        write_result(global, steps_report(runner.steps(), up, global.format));
      } catch (const std::exception&) {
        // The run's own failure is the one to report.
      }
    }
    throw;
  }
  write_result(global, steps_report(steps, up, global.format));
  return k_exit_ok;
}

int run_baseline(const MigrateFlags& flags, const GlobalOptions& global, const MigrateInput& input) {
  const long long version = parse_number(flags.version, "--version", "a version number");
  MigrationRunner runner(global.connection(), input.history, input.options);
  const auto marked = runner.baseline(input.files, version, flags.description, flags.force);
  nlohmann::json json = {{"baselined", nlohmann::json::array()}};
  std::string text;
  for (const auto& file : marked) {
    json["baselined"].push_back({{"version", file.version}, {"name", file.name}});
    text += "baselined " + file.label() + "\n";
  }
  text += std::to_string(marked.size()) + " migration(s) recorded as baselined, none run; `plumb migrate up` applies the ones after version " +
          std::to_string(version) + "\n";
  write_result(global, global.format == "json" ? json.dump(2) + "\n" : text);
  return k_exit_ok;
}

std::string repair_line(const RepairItem& item) {
  const std::string version = "version " + std::to_string(item.version);
  switch (item.kind) {
    case RepairItem::Kind::checksum:
      return version + " (" + item.file->name + "): checksum " + item.before + " -> " + item.after;
    case RepairItem::Kind::name:
      return version + ": name " + item.before + " -> " + item.after;
    case RepairItem::Kind::failed_attempt:
      break;
  }
  return version + ": remove the failed attempt (" + item.before + ")";
}

const char* repair_kind(RepairItem::Kind kind) {
  switch (kind) {
    case RepairItem::Kind::checksum: return "checksum";
    case RepairItem::Kind::name: return "name";
    case RepairItem::Kind::failed_attempt: return "failed_attempt";
  }
  return "unknown";
}

std::string repair_report(const std::vector<RepairItem>& items, bool applied, const std::string& format) {
  if (format == "json") {
    nlohmann::json json = {{"applied", applied}, {"changes", nlohmann::json::array()}};
    for (const auto& item : items)
      json["changes"].push_back({{"version", item.version}, {"kind", repair_kind(item.kind)}, {"before", item.before},
                                 {"after", item.after}});
    return json.dump(2) + "\n";
  }
  if (items.empty()) return "nothing to repair: the history matches the files\n";
  std::string text;
  for (const auto& item : items) text += repair_line(item) + "\n";
  return text + (applied ? "repaired " + std::to_string(items.size()) + " entr" + (items.size() == 1 ? "y" : "ies") + "\n"
                         : "dry run: nothing written; run with --apply --reason TEXT to record these changes\n");
}

// A dry run reads only; --apply writes under the runner lock.
int run_repair(const MigrateFlags& flags, const GlobalOptions& global, const MigrateInput& input) {
  if (flags.apply && trim(flags.reason).empty())
    throw InputError("migrate repair --apply needs --reason TEXT: why the applied files changed (kept in the history)");
  if (!flags.apply) {
    write_result(global, repair_report(plan_repair(read_status(global, input)), false, global.format));
    return k_exit_ok;
  }
  MigrationRunner runner(global.connection(), input.history, input.options);
  write_result(global, repair_report(runner.repair(input.files, flags.reason), true, global.format));
  return k_exit_ok;
}

// Reads only the folder's file names: a broken migration must not stop
// anyone from writing the next one.
int run_new(const MigrateFlags& flags, const GlobalOptions& global) {
  std::vector<std::string> existing;
  if (std::filesystem::exists(flags.migrations)) existing = list_sql_files(flags.migrations);
  const auto migration = next_migration(flags.migrations, existing, flags.name, flags.concurrent_index, std::time(nullptr));
  write_migration_template(migration);
  write_result(global, global.format == "json" ? nlohmann::json{{"path", migration.path}}.dump(2) + "\n"
                                               : migration.path + "\n");
  return k_exit_ok;
}

int run_action(const MigrateFlags& flags, const GlobalOptions& global) {
  if (flags.action == "new") return run_new(flags, global);
  if (flags.action == "up" || flags.action == "down") refuse_finding_formats(global, flags.action);
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
  add_target(add_action(command, flags, "up", "apply pending migrations"), *flags);
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
