// MigrationFolder: the migrations of a folder read for lint, whatever tool
// runs them: plumb's own (`001_name.sql`, `-- plumb:up`), Flyway
// (`V3__name.sql`), golang-migrate (`3_name.up.sql`) or dbmate
// (`20240101120000_name.sql` with `-- migrate:up` / `-- migrate:down`).
// Only the up part is linted: it is what a deploy runs.
#pragma once

#include <string>
#include <vector>

#include "migrate/sql_statement.hpp"

namespace plumb {

struct LintMigration {
  std::vector<long long> version;  // "3" -> {3}; Flyway's "1.2" -> {1, 2}
  std::string version_text;        // as in the file name
  std::string path;
  std::string layout;              // "plumb", "flyway", "golang-migrate", "dbmate"
  // Whether the tool runs the migration in one transaction: plumb unless
  // `-- plumb:no-transaction`, Flyway by default, dbmate unless
  // `transaction:false`, golang-migrate when the file has several statements
  // (PostgreSQL runs a multi-statement query as one implicit transaction).
  bool transactional = true;
  std::vector<SqlStatement> statements;  // the up part
  std::string text;                      // the whole file, for suppressions
};

// Every migration of `directory`, ordered by version. Skips golang-migrate's
// `.down.sql` and Flyway's repeatable (`R__`) and undo (`U3__`) files. Throws
// InputError for an unreadable folder, a `.sql` file of no known layout, a
// version used twice, and SQL that does not parse (file:line:column).
std::vector<LintMigration> read_migration_folder(const std::string& directory);

// One file, as if read from `path` (for tests and read_migration_folder).
// Returns an empty path when the file is one the folder reader skips.
LintMigration read_lint_migration(const std::string& path, const std::string& text);

}  // namespace plumb
