#include "migrate/migration_status.hpp"

#include <map>

#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

MigrationState state_of(const MigrationStatusEntry& entry) {
  if (!entry.file) return MigrationState::missing_file;
  if (!entry.applied || !entry.applied->counts_as_applied()) return MigrationState::pending;
  if (entry.applied->checksum != entry.file->checksum) return MigrationState::edited;
  if (entry.applied->name != entry.file->name) return MigrationState::renamed;
  return MigrationState::applied;
}

std::string problem(const MigrationStatusEntry& entry) {
  const std::string version = "version " + std::to_string(entry.version);
  switch (entry.state) {
    case MigrationState::edited:
      return entry.file->path + ": " + version + " was edited after it was applied (applied checksum " +
             entry.applied->checksum + ", file checksum " + entry.file->checksum +
             "); write a new migration instead, or if the change is deliberate record it with "
             "`plumb migrate repair --apply --reason TEXT`";
    case MigrationState::renamed:
      return entry.file->path + ": " + version + " was applied as '" +
             entry.applied->name + "' and its file is now named '" + entry.file->name +
             "' (same content); rename it back, or record the new name with `plumb migrate repair --apply --reason TEXT`";
    case MigrationState::missing_file:
      return version + " (" + entry.name + ") is applied in the database but has no file in this checkout: "
             "the database is newer than the code; update the checkout";
    default:
      return entry.file->path + ": " + version + " is pending but lower than an applied version; "
             "rename it to a higher version, or pass --allow-out-of-order";
  }
}

}  // namespace

std::string to_string(MigrationState state) {
  switch (state) {
    case MigrationState::applied: return "applied";
    case MigrationState::pending: return "pending";
    case MigrationState::edited: return "edited";
    case MigrationState::renamed: return "renamed";
    case MigrationState::missing_file: return "missing file";
  }
  return "unknown";
}

std::vector<MigrationStatusEntry> compare_with_history(const std::vector<MigrationFile>& files,
                                                       const std::vector<AppliedMigration>& history) {
  std::map<long long, MigrationStatusEntry> by_version;
  for (const auto& file : files) {
    auto& entry = by_version[file.version];
    entry.version = file.version;
    entry.name = file.name;
    entry.file = &file;
  }
  long long highest_applied = 0;
  for (const auto& row : history) {
    auto& entry = by_version[row.version];
    entry.version = row.version;
    if (entry.name.empty()) entry.name = row.name;
    entry.applied = row;
    if (row.counts_as_applied() && row.version > highest_applied) highest_applied = row.version;
  }
  std::vector<MigrationStatusEntry> entries;
  for (auto& [version, entry] : by_version) {
    entry.state = state_of(entry);
    entry.out_of_order = entry.state == MigrationState::pending && version < highest_applied;
    entries.push_back(std::move(entry));
  }
  return entries;
}

void validate(const std::vector<MigrationStatusEntry>& entries, bool allow_out_of_order) {
  std::vector<std::string> problems;
  for (const auto& entry : entries) {
    const bool refused = entry.state == MigrationState::edited || entry.state == MigrationState::renamed ||
                         entry.state == MigrationState::missing_file ||
                         (entry.out_of_order && !allow_out_of_order);
    if (refused) problems.push_back(problem(entry));
  }
  if (problems.empty()) return;
  throw InputError("migrations do not match the database's history:\n  " + join(problems, "\n  "));
}

}  // namespace plumb
