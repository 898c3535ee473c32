#include "migrate/target_migration.hpp"

#include <algorithm>

namespace plumb {

const char* to_string(TargetMigrationStatus status) {
  switch (status) {
    case TargetMigrationStatus::done: return "done";
    case TargetMigrationStatus::failed: return "failed";
    case TargetMigrationStatus::unreachable: return "unreachable";
    case TargetMigrationStatus::not_started: return "not started";
  }
  return "unknown";
}

long long applied_version(const TargetMigration& target) {
  long long version = 0;
  for (const auto& entry : target.entries)
    if (entry.state != MigrationState::pending && entry.applied) version = std::max(version, entry.version);
  return version;
}

long long waiting_versions(const TargetMigration& target) {
  return std::count_if(target.entries.begin(), target.entries.end(),
                       [](const MigrationStatusEntry& entry) { return entry.state != MigrationState::applied; });
}

namespace {

// The checksum `target` records for `version`, or "" when it records none.
std::string recorded_checksum(const TargetMigration& target, long long version) {
  for (const auto& entry : target.entries)
    if (entry.version == version && entry.applied && entry.state != MigrationState::pending) return entry.applied->checksum;
  return "";
}

}  // namespace

std::vector<long long> drifted_versions(const TargetMigration& target, const std::vector<TargetMigration>& fleet) {
  std::vector<long long> drifted;
  for (const auto& entry : target.entries) {
    const std::string own = recorded_checksum(target, entry.version);
    if (own.empty()) continue;
    const bool differs = std::any_of(fleet.begin(), fleet.end(), [&](const TargetMigration& other) {
      const std::string theirs = recorded_checksum(other, entry.version);
      return !theirs.empty() && theirs != own;
    });
    if (differs) drifted.push_back(entry.version);
  }
  return drifted;
}

}  // namespace plumb
