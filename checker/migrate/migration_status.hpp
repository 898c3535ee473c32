// MigrationStatus: the migration files of a checkout compared with a
// database's history, version by version, and the checks `validate` (and
// every `up` and `down`) makes before anything runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/migration_file.hpp"
#include "migrate/migration_history.hpp"

namespace plumb {

enum class MigrationState {
  applied,       // in the history (applied, baselined or repaired), file unchanged
  pending,       // a file not yet applied (or whose last run failed)
  edited,        // applied, but the file's checksum differs from the recorded one
  renamed,       // applied, same checksum, but the file's name differs from the recorded one
  missing_file,  // applied, but no file has its version: the database is newer than the checkout
};

// "applied", "pending", "edited", "renamed", "missing file".
std::string to_string(MigrationState state);

struct MigrationStatusEntry {
  long long version = 0;
  std::string name;
  MigrationState state = MigrationState::pending;
  // The file in the `files` given to compare_with_history, which must
  // outlive the entry; null for missing_file. A pointer, not a copy: a file of
  // 1.5 million statements was held once more by every entry list.
  const MigrationFile* file = nullptr;
  std::optional<AppliedMigration> applied;    // absent for never-applied versions
  bool out_of_order = false;                  // pending, yet lower than an applied version
};

// One entry per version found in `files` or `history`, by version; each
// entry points at its file in `files`.
std::vector<MigrationStatusEntry> compare_with_history(const std::vector<MigrationFile>& files,
                                                       const std::vector<AppliedMigration>& history);
// Temporary files would leave the entries pointing at nothing.
std::vector<MigrationStatusEntry> compare_with_history(std::vector<MigrationFile>&& files,
                                                       const std::vector<AppliedMigration>& history) = delete;

// Refuses, with one InputError listing every problem (file, version, both
// checksums for an edited file, both names for a renamed one), when an
// applied file was edited or renamed, an applied version has no file, or a
// pending version is lower than an applied one (unless `allow_out_of_order`).
void validate(const std::vector<MigrationStatusEntry>& entries, bool allow_out_of_order);

}  // namespace plumb
