// MigrationReport: what `plumb migrate` prints, as text for a person or as
// JSON: the status of every migration, the plan, the steps of up and down,
// baseline, repair and new. Every function takes the format ("text" or
// "json"; anything else is rendered as text, main refuses it before).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "migrate/migration_file.hpp"
#include "migrate/migration_repair.hpp"
#include "migrate/migration_runner.hpp"
#include "migrate/migration_status.hpp"

namespace plumb {

// One line per migration and a last line saying whether any needs attention;
// JSON: {"history_table": ..., "migrations": [...]}.
std::string render_migration_status(const std::vector<MigrationStatusEntry>& entries, const std::string& history_table,
                                    const std::string& format);

// The pending migrations' statements with the lock each takes, written to
// `out` a piece at a time: the plan of a file of 1.5 million statements is
// 200 MB of text, which is never held whole.
void write_migration_plan(std::ostream& out, const std::vector<MigrationStatusEntry>& pending,
                          const std::string& format);

// The same, as one string (for small plans and tests).
std::string render_migration_plan(const std::vector<MigrationStatusEntry>& pending, const std::string& format);

// Every migration of an up or down run with its outcome, also when the run
// stopped halfway.
std::string render_migration_steps(const std::vector<MigrationStep>& steps, bool up, const std::string& format);

// The files recorded as baselined up to `version`.
std::string render_baseline(const std::vector<MigrationFile>& marked, long long version, const std::string& format);

// The history changes repair made (`applied`) or would make.
std::string render_repair(const std::vector<RepairItem>& items, bool applied, const std::string& format);

// The path of the file `migrate new` created.
std::string render_new_migration(const std::string& path, const std::string& format);

}  // namespace plumb
