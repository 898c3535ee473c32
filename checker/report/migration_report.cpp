#include "report/migration_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "migrate/statement_lock.hpp"
#include "report/json_writer.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

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

void write_statement(JsonWriter& out, const SqlStatement& statement) {
  const auto lock = lock_taken(statement);
  out.begin_object();
  out.key("autocommit");
  out.value(needs_autocommit(statement));
  out.key("effect");
  out.value(lock.effect);
  out.key("location");
  out.value(statement.where().to_string());
  out.key("lock");
  out.value(lock.mode);
  out.key("sql");
  out.value(statement.text());
  out.key("tables");
  out.begin_array();
  for (const auto& table : lock.tables) out.value(table);
  out.end_array();
  out.end_object();
}

std::string statement_text(const SqlStatement& statement) {
  const auto lock = lock_taken(statement);
  const std::string sql = statement.text();
  const size_t newline = sql.find('\n');
  std::string text = "  " + statement.where().to_string() + "  " + sql.substr(0, newline) +
                     (newline != std::string::npos ? " ..." : "") + "\n";
  text += "      lock: " + lock.mode;
  if (!lock.tables.empty()) text += " on " + join(lock.tables, ", ");
  return text + " (" + lock.effect + ")\n";
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

}  // namespace

std::string render_migration_status(const std::vector<MigrationStatusEntry>& entries, const std::string& history_table,
                                    const std::string& format) {
  if (format == "json") {
    nlohmann::json json = {{"history_table", history_table}, {"migrations", nlohmann::json::array()}};
    for (const auto& entry : entries) json["migrations"].push_back(entry_json(entry));
    return json.dump(2) + "\n";
  }
  const auto waiting = std::count_if(entries.begin(), entries.end(), needs_attention);
  std::string text;
  for (const auto& entry : entries) text += entry_line(entry) + "\n";
  return text + (waiting == 0 ? "up to date\n" : std::to_string(waiting) + " migration(s) need attention\n");
}

// A plan of 1.5 million statements is 200 MB of text: it goes out a piece at
// a time, never whole in memory.
void write_migration_plan(std::ostream& out, const std::vector<MigrationStatusEntry>& pending,
                          const std::string& format) {
  constexpr size_t k_piece = 64 * 1024;
  std::string piece;
  const auto flush = [&](size_t at_least) {
    if (piece.size() < at_least) return;
    out << piece;
    piece.clear();
  };
  if (format == "json") {
    JsonWriter json(piece);
    json.begin_array();
    for (const auto& entry : pending) {
      const auto& file = *entry.file;
      json.begin_object();
      json.key("name");
      json.value(file.name);
      json.key("statements");
      json.begin_array();
      for (const auto& statement : file.up) {
        write_statement(json, statement);
        flush(k_piece);
      }
      json.end_array();
      json.key("transactional");
      json.value(file.transactional);
      json.key("version");
      json.value(file.version);
      json.end_object();
    }
    json.end_array();
    piece += '\n';
    return flush(0);
  }
  if (pending.empty()) piece = "nothing to apply\n";
  for (const auto& entry : pending) {
    const auto& file = *entry.file;
    piece += file.label() + (file.transactional ? " (one transaction)\n" : " (no transaction: each statement on its own)\n");
    for (const auto& statement : file.up) {
      piece += statement_text(statement);
      flush(k_piece);
    }
  }
  flush(0);
}

std::string render_migration_plan(const std::vector<MigrationStatusEntry>& pending, const std::string& format) {
  std::ostringstream text;
  write_migration_plan(text, pending, format);
  return text.str();
}

std::string render_migration_steps(const std::vector<MigrationStep>& steps, bool up, const std::string& format) {
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

std::string render_baseline(const std::vector<MigrationFile>& marked, long long version, const std::string& format) {
  nlohmann::json json = {{"baselined", nlohmann::json::array()}};
  std::string text;
  for (const auto& file : marked) {
    json["baselined"].push_back({{"version", file.version}, {"name", file.name}});
    text += "baselined " + file.label() + "\n";
  }
  if (format == "json") return json.dump(2) + "\n";
  return text + std::to_string(marked.size()) +
         " migration(s) recorded as baselined, none run; `plumb migrate up` applies the ones after version " +
         std::to_string(version) + "\n";
}

std::string render_repair(const std::vector<RepairItem>& items, bool applied, const std::string& format) {
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

std::string render_new_migration(const std::string& path, const std::string& format) {
  return format == "json" ? nlohmann::json{{"path", path}}.dump(2) + "\n" : path + "\n";
}

}  // namespace plumb
