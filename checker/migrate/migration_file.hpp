// MigrationFile: one versioned migration read from `migrations/NNN_name.sql`,
// checked and split into statements before anything touches the database.
//
// Layout: an optional header, then a `-- plumb:up` line, the up statements,
// a `-- plumb:down` line and the down statements. A `-- plumb:no-transaction`
// line before `-- plumb:up` marks a migration that cannot run in a
// transaction (CREATE/DROP INDEX CONCURRENTLY).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/sql_statement.hpp"
#include "util/errors.hpp"

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

// A migration file's name split: "002_swap.sql" is {"002", "swap"}.
struct MigrationFileName {
  std::string digits;  // the version as written, zeros and all
  std::string name;
};

// The parts of `file_name` (no directory), or nullopt when it is not
// NNN_name.sql (digits, '_', then a-z, 0-9 and '_'; at most 15 digits).
std::optional<MigrationFileName> parse_migration_file_name(const std::string& file_name);

// Reads one migration from `text`, the contents of `path`, which its
// statements then share (a UTF-8 byte order mark at its start is skipped;
// the checksum is of the bytes as they are). Throws InputError
// "path:line: message" for a bad file name, an unknown `-- plumb:` directive,
// a missing or empty up part, a directive out of place, or SQL that does not
// parse.
MigrationFile parse_migration_file(const std::string& path, std::string text);

// Every `*.sql` file of `directory`, parsed and ordered by version. Throws
// InputError when the directory cannot be read, for any bad file, and when
// two files share a version.
std::vector<MigrationFile> load_migrations(const std::string& directory);

// The paths of the `*.sql` files of `directory`, sorted by name so that
// messages come out the same whatever order the file system lists them in.
// Throws InputError when the directory, or an entry of it (a symbolic link
// loop), cannot be read.
std::vector<std::string> list_sql_files(const std::string& directory);

// The whole text of the migration file `path`. Throws InputError when it
// cannot be read.
std::string read_migration_text(const std::string& path);

// Throws InputError at the later of two neighbours of `sorted` (migrations
// ordered by `version`) that share a version; `show_version` writes a
// version as its files spell it.
template <typename Migration, typename ShowVersion>
void refuse_shared_versions(const std::vector<Migration>& sorted, ShowVersion show_version) {
  for (size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].version == sorted[i - 1].version)
      throw InputError(SourceLocation{sorted[i].path, 1, 0}, "version " + show_version(sorted[i]) +
                                                                 " is also used by " + sorted[i - 1].path +
                                                                 " (each version must be unique)");
}

}  // namespace plumb
