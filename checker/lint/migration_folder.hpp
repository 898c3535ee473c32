// MigrationFolder: the migrations of a folder read for lint, whatever tool
// runs them (see migration_layout.hpp for the layouts and their order). Only
// the up part is linted: it is what a deploy runs. A file that cannot be read
// or parsed does not stop the others: it is kept with its problem, which the
// runner reports as a finding.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/sql_statement.hpp"
#include "util/source_location.hpp"

namespace plumb {

// Why a file was not linted: the reader's or the parser's own message.
struct LintProblem {
  SourceLocation where;
  std::string message;  // one line, without the location
  std::string detail;   // "file:line:column: message", then the line and a caret when known
};

struct LintMigration {
  std::string version;      // as the file spells it: "003", "1.2", "20150100000001000000"
  std::string path;
  std::string layout;       // "plumb", "flyway", "golang-migrate", "dbmate", "diesel", "prisma", "pop", "sqitch", "plain"
  bool repeatable = false;  // Flyway R__ file: runs after the versioned ones
  // Whether the tool runs the migration in one transaction: plumb unless
  // `-- plumb:no-transaction`; Flyway unless executeInTransaction=false;
  // dbmate unless `transaction:false`; Diesel unless metadata.toml says
  // run_in_transaction = false; pop always; golang-migrate and Prisma when
  // the file has several statements (PostgreSQL runs a multi-statement query
  // as one implicit transaction); sqitch and plain folders never (a BEGIN in
  // the file is followed by the runner instead).
  bool transactional = true;
  std::vector<SqlStatement> statements;  // the up part
  std::string text;                      // the whole file, for suppressions
  std::optional<LintProblem> problem;    // set when the file was not linted
};

struct LintFolder {
  std::string layout;  // e.g. "flyway", or "flyway + golang-migrate"
  std::vector<LintMigration> migrations;  // in the order the tool runs them
};

// Every migration of `directory`. Throws InputError when the folder cannot
// be read or holds no migration file (the message lists the layouts plumb
// looked for). A file that cannot be read, does not parse, fits no layout of
// the folder or shares its version with an earlier one carries a problem.
LintFolder read_migration_folder(const std::string& directory);

// One file, as if read from `path` with the layout its name tells (for
// tests). Returns an empty path when the file is one a deploy does not run;
// a file that does not parse carries its problem.
LintMigration read_lint_migration(const std::string& path, const std::string& text);

}  // namespace plumb
