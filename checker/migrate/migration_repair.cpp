#include "migrate/migration_repair.hpp"

namespace plumb {

std::vector<RepairItem> plan_repair(const std::vector<MigrationStatusEntry>& entries) {
  std::vector<RepairItem> items;
  for (const auto& entry : entries) {
    if (entry.state == MigrationState::edited)
      items.push_back({RepairItem::Kind::checksum, entry.version, entry.applied->checksum, entry.file->checksum, *entry.file});
    else if (entry.state == MigrationState::renamed)
      items.push_back({RepairItem::Kind::name, entry.version, entry.applied->name, entry.file->name, *entry.file});
    else if (entry.applied && entry.applied->outcome == "failed")
      items.push_back({RepairItem::Kind::failed_attempt, entry.version, entry.applied->error, "", std::nullopt});
  }
  return items;
}

}  // namespace plumb
