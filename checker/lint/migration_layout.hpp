// MigrationLayout: which tool a migration folder belongs to, told from the
// names of its files and sub-folders, and the SQL files of it that a deploy
// runs, in the tool's order. Versions stay strings as the files spell them
// ("003", "1.2", "2020-01-01-000000", the 20 digits of a pop migration):
// they are ordered by comparing their digit runs as numbers, so that no
// version is ever too long for an integer.
#pragma once

#include <string>
#include <vector>

namespace plumb {

// One SQL file a tool runs as (part of) a migration.
struct MigrationSource {
  std::string path;
  std::string version;      // as written; for Flyway's R__ files, the description
  std::string layout;       // "plumb", "flyway", "golang-migrate", "dbmate", "diesel", "prisma", "pop", "sqitch", "plain"
                            // ("numbered" until its text says plumb, dbmate or plain)
  bool repeatable = false;  // Flyway R__: runs after every versioned migration, again whenever it changes
  // For a file the folder holds but whose name fits no layout the folder uses: why it is not linted.
  std::string misfit;
};

// The SQL files of `directory` to lint, in the order their tool runs them,
// each with its layout. Skips what a deploy does not run: down files, Flyway
// undo files, pop's files for other databases. Throws InputError when the
// folder cannot be read or holds no migration file of any layout, listing
// the layouts plumb looked for.
std::vector<MigrationSource> find_migration_sources(const std::string& directory);

// The layout of one file name in a folder of loose SQL files (plumb, Flyway,
// golang-migrate, dbmate, pop, plain), with its version; `skipped` when a
// deploy does not run it (a down or undo file, another database's file).
struct FileNameLayout {
  std::string layout;
  std::string version;
  bool repeatable = false;
  bool skipped = false;
};
FileNameLayout layout_of_file_name(const std::string& name);

// The folder's layout as the report names it: "flyway", or "flyway +
// golang-migrate" for a folder that mixes layouts.
std::string folder_layout_name(const std::vector<std::string>& layouts);

// True when `a` comes before `b`: digit runs compare as numbers (whatever
// their length; "010" equals "10"), other characters as they are.
bool version_less(const std::string& a, const std::string& b);
bool same_version(const std::string& a, const std::string& b);

}  // namespace plumb
