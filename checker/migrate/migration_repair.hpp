// Repair: accepting deliberate changes to applied migration files. An
// applied file whose content changed gets its new checksum recorded (the old
// one kept), a renamed one its new name, and the rows of failed attempts are
// removed; each change is listed before anything is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/migration_status.hpp"

namespace plumb {

struct RepairItem {
  enum class Kind {
    checksum,        // the file changed: record its new checksum
    name,            // the file was renamed: record its new name
    failed_attempt,  // a failed attempt's row: remove it
  };
  Kind kind = Kind::checksum;
  long long version = 0;
  std::string before;                 // checksum, name, or the attempt's error
  std::string after;                  // checksum or name; empty for a failed attempt
  std::optional<MigrationFile> file;  // the current file, for checksum and name
};

// What `migrate repair` would do to the history `entries` describe, by
// version. Applied versions without a file are left alone (validate goes on
// refusing them: the database is newer than the checkout).
std::vector<RepairItem> plan_repair(const std::vector<MigrationStatusEntry>& entries);

}  // namespace plumb
