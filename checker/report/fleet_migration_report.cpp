#include "report/fleet_migration_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "report/migration_report.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

size_t name_width(const std::vector<TargetMigration>& targets) {
  size_t width = 6;
  for (const auto& target : targets) width = std::max(width, target.name.size());
  return width;
}

long long applied_count(const TargetMigration& target) {
  return std::count_if(target.entries.begin(), target.entries.end(),
                       [](const MigrationStatusEntry& entry) { return entry.state == MigrationState::applied; });
}

std::string versions_text(const std::vector<long long>& versions) {
  std::vector<std::string> words;
  for (const long long version : versions) words.push_back(std::to_string(version));
  return words.empty() ? "-" : join(words, ",");
}

std::string up_summary(const std::vector<TargetMigration>& targets) {
  const size_t width = name_width(targets);
  std::string text = fmt::format("fleet summary\n{:<{}}  {:<11}  {:>7}  {:>7}\n", "target", width, "status", "version", "pending");
  for (const auto& target : targets)
    text += fmt::format("{:<{}}  {:<11}  {:>7}  {:>7}\n", target.name, width, to_string(target.status),
                        target.entries.empty() ? "?" : std::to_string(applied_version(target)),
                        target.entries.empty() ? "?" : std::to_string(waiting_versions(target)));
  return text;
}

}  // namespace

std::string render_fleet_migration_up(const std::vector<TargetMigration>& targets, const std::string& format) {
  if (format == "json") {
    json list = json::array();
    for (const auto& target : targets) {
      json entry = {{"name", target.name}, {"status", to_string(target.status)}, {"seconds", target.seconds},
                    {"version", applied_version(target)}, {"pending", waiting_versions(target)},
                    {"steps", json::parse(render_migration_steps(target.steps, true, "json"))}};
      if (!target.error.empty()) entry["error"] = target.error;
      list.push_back(entry);
    }
    return json{{"targets", list}}.dump(2) + "\n";
  }
  std::string text;
  for (const auto& target : targets) {
    text += fmt::format("== target {}: {} ({:.2f}s) ==\n", target.name, to_string(target.status), target.seconds);
    if (!target.steps.empty()) text += render_migration_steps(target.steps, true, "text");
    if (!target.error.empty()) text += target.error + "\n";
    text += "\n";
  }
  return text + up_summary(targets);
}

std::string render_fleet_migration_status(const std::vector<TargetMigration>& targets, const std::string& format) {
  const size_t width = name_width(targets);
  json list = json::array();
  std::string text = fmt::format("{:<{}}  {:<11}  {:>7}  {:>7}  {:>7}  {}\n", "target", width, "status", "applied",
                                 "pending", "version", "drift");
  bool in_step = true;
  for (const auto& target : targets) {
    const auto drift = drifted_versions(target, targets);
    const bool read = target.status == TargetMigrationStatus::done;
    in_step = in_step && read && drift.empty() && waiting_versions(target) == 0;
    text += fmt::format("{:<{}}  {:<11}  {:>7}  {:>7}  {:>7}  {}\n", target.name, width, to_string(target.status),
                        read ? std::to_string(applied_count(target)) : "?", read ? std::to_string(waiting_versions(target)) : "?",
                        read ? std::to_string(applied_version(target)) : "?", versions_text(drift));
    json entry = {{"name", target.name}, {"status", to_string(target.status)}, {"applied", applied_count(target)},
                  {"pending", waiting_versions(target)}, {"version", applied_version(target)}, {"drift", drift}};
    if (!target.error.empty()) {
      entry["error"] = target.error;
      text += "  " + target.error + "\n";
    }
    list.push_back(entry);
  }
  if (format == "json") return json{{"targets", list}}.dump(2) + "\n";
  return text + (in_step ? "the fleet is up to date and in step\n" : "some targets need attention\n");
}

}  // namespace plumb
