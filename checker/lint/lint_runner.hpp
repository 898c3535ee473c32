// LintRunner: runs the enabled lint rules over a folder's migrations,
// statement by statement against the schema replayed so far, and returns the
// findings as a CheckReport (command "lint") for report/ to render.
#pragma once

#include <vector>

#include "lint/lint_settings.hpp"
#include "lint/migration_folder.hpp"
#include "lint/schema_replay.hpp"
#include "vocabulary/check_report.hpp"
#include "vocabulary/model.hpp"

namespace plumb {

// Lints the up part of each of `migrations` in order, with the rules and
// severities of `settings`. `start` is the schema before the first of them:
// empty without a database, the live catalog with one. Each finding points
// at its statement (file:line:column); one covered by a
// `-- plumb:lint-ignore` comment is kept with severity info and its reason.
// A file with a problem (unreadable, unparsable, a malformed suppression) is
// one finding of unlintable-file; the others are linted as if it did nothing.
// The report's subject names `layout` and counts the files.
CheckReport lint_migrations(const std::vector<LintMigration>& migrations, const std::vector<Model>& models,
                            const SchemaReplay& start, const LintSettings& settings = LintSettings(),
                            const std::string& layout = "");

// True when some file could not be linted: the run then exits 2 whatever
// else it found, since the folder was not fully checked.
bool has_unlintable_files(const CheckReport& report);

}  // namespace plumb
