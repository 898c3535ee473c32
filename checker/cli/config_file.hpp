// ConfigFile: plumb.yml, the settings a team would otherwise repeat on every
// command line (database, rules, migrations, history table, format,
// fail-on, lint exclusions). Found in the working directory or the nearest
// folder above it that has one, as git finds .git, or named by --config.
// Flags given on the command line override it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb::cli {

// One setting as the file gives it: its values (one for a scalar) and the
// line it was read from.
struct ConfigSetting {
  std::vector<std::string> values;
  SourceLocation where;
};

struct ConfigFile {
  std::string path;  // empty when no file was found
  // By key: db, db_env, rules, migrations, history_table, format, fail_on,
  // targets, and lint.exclude_rules (exclude_rules under lint:).
  std::map<std::string, ConfigSetting> settings;
  // `targets:` holds the list itself (docs/fleet.md), not a targets file's
  // path: the `targets` setting's value is then this file's own path.
  bool targets_inline = false;

  // The setting, if the file has it.
  const ConfigSetting* find(const std::string& key) const;
};

// The nearest plumb.yml in `start` or a folder above it, as a path relative
// to `start` when it is inside or above it ("plumb.yml", "../../plumb.yml");
// nullopt when there is none up to the root.
std::optional<std::string> find_config_file(const std::filesystem::path& start);

// Reads `path`. Paths in it (rules, migrations) are relative to the file's
// folder and are returned relative to the working directory, so that a
// plumb.yml at the top of a repository works from any folder below it and
// reports still name files as the user sees them. Throws InputError with
// file, line and column for a key it does not know, a value of the wrong
// shape (a list where one value goes), a format or fail-on it does not
// know, or both db and db_env.
ConfigFile load_config_file(const std::string& path);

}  // namespace plumb::cli
