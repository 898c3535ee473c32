#include "migrate/migration_baseline.hpp"

#include <algorithm>

#include "util/errors.hpp"

namespace plumb {
namespace {

bool ran_here(const MigrationStatusEntry& entry) {
  return entry.applied && (entry.applied->outcome == "applied" || entry.applied->outcome == "repaired");
}

}  // namespace

std::vector<MigrationFile> plan_baseline(const std::vector<MigrationStatusEntry>& entries, long long version,
                                         bool force) {
  const std::string flag = "--version " + std::to_string(version);
  const bool has_file = std::any_of(entries.begin(), entries.end(), [&](const MigrationStatusEntry& entry) {
    return entry.file && entry.version == version;
  });
  if (!has_file) throw InputError(flag + ": no migration file has this version (baseline marks the files up to one that exists)");
  const auto recorded = std::count_if(entries.begin(), entries.end(), [](const MigrationStatusEntry& entry) { return entry.applied.has_value(); });
  if (recorded > 0 && !force)
    throw InputError("the history already has " + std::to_string(recorded) +
                     " entries: baseline is for a database plumb has not migrated yet (--force replaces baselined "
                     "and failed entries, never applied ones)");
  for (const auto& entry : entries)
    if (ran_here(entry))
      throw InputError("version " + std::to_string(entry.version) + " (" + entry.name + ") is " +
                       entry.applied->outcome + ": baseline never replaces a migration that ran");
  std::vector<MigrationFile> files;
  for (const auto& entry : entries)
    if (entry.file && entry.version <= version) files.push_back(*entry.file);
  return files;
}

}  // namespace plumb
