// MigrationTemplate: the file `plumb migrate new NAME` writes: the folder's
// next version in the folder's own numbering style, and the skeleton of a
// migration (with --concurrent-index, one that runs outside a transaction).
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace plumb {

struct MigrationTemplate {
  std::string path;  // directory/NNN_name.sql
  std::string text;
};

// The next migration of `directory`, whose `*.sql` files are `existing`
// (paths or names), for `name`. Numbering follows the newest file: a
// 14-digit version (YYYYMMDDHHMMSS) means timestamps, and the new one is
// `now` (UTC), or one more than the newest when that is not later; any
// other means a sequence, one more than the newest, zero-padded to its
// width. An empty folder starts at 001. Throws InputError when `name` is
// not lowercase letters, digits and '_'.
MigrationTemplate next_migration(const std::string& directory, const std::vector<std::string>& existing,
                                 const std::string& name, bool concurrent_index, std::time_t now);

// Writes `migration`, creating its directory when missing. Never replaces a
// file: throws InputError when one of that name exists, RuntimeFailure when
// it cannot be written.
void write_migration_template(const MigrationTemplate& migration);

}  // namespace plumb
