// LintRunner: runs every lint rule over a folder's migrations, statement by
// statement against the schema replayed so far, and returns the findings as
// a CheckReport (command "lint") for report/ to render.
#pragma once

#include <vector>

#include "lint/migration_folder.hpp"
#include "lint/schema_replay.hpp"
#include "rules/check_report.hpp"
#include "rules/model.hpp"

namespace plumb {

// Lints the up part of each of `migrations` in order. `start` is the schema
// before the first of them: empty without a database, the live catalog with
// one. Each finding points at its statement (file:line:column); one covered
// by a `-- plumb:lint-ignore` comment is kept with severity info and its
// reason. Throws InputError for a malformed suppression comment.
CheckReport lint_migrations(const std::vector<LintMigration>& migrations, const std::vector<Model>& models,
                            const SchemaReplay& start);

}  // namespace plumb
