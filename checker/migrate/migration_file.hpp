// MigrationFile: one versioned migration read from `migrations/NNN_name.sql`,
// checked and split into statements before anything touches the database.
//
// Layout: an optional header, then a `-- plumb:up` line, the up statements,
// a `-- plumb:down` line and the down statements. A `-- plumb:no-transaction`
// line before `-- plumb:up` marks a migration that cannot run in a
// transaction (CREATE/DROP INDEX CONCURRENTLY).
#pragma once

#include <string>
#include <vector>

#include "migrate/sql_statement.hpp"

namespace plumb {

struct MigrationFile {
  long long version = 0;    // the number the file name starts with
  std::string name;         // the rest of the file name, without ".sql"
  std::string path;         // as found, for messages
  std::string checksum;     // SHA-256 of the whole file, hex
  bool transactional = true;
  bool has_down = false;    // false when there is no `-- plumb:down` line
  std::vector<SqlStatement> up;
  std::vector<SqlStatement> down;

  // "002_swap_unique_index": the file name without ".sql".
  std::string label() const;
};

// Reads one migration from `text`, the contents of `path`. Throws InputError
// "path:line: message" for a bad file name, an unknown `-- plumb:` directive,
// a missing or empty up part, a directive out of place, or SQL that does not
// parse.
MigrationFile parse_migration_file(const std::string& path, const std::string& text);

// Every `*.sql` file of `directory`, parsed and ordered by version. Throws
// InputError when the directory cannot be read, for any bad file, and when
// two files share a version.
std::vector<MigrationFile> load_migrations(const std::string& directory);

}  // namespace plumb
