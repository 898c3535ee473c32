#include "cli/config_settings.hpp"

#include <algorithm>
#include <filesystem>

#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

struct FlagOfSetting {
  const char* key;
  const char* flag;
};

// The settings that fill a command's own flags, where it has them.
const FlagOfSetting k_command_flags[] = {
    {"rules", "--rules"},
    {"migrations", "--migrations"},
    {"history_table", "--history-table"},
    {"fail_on", "--fail-on"},
    {"lint.exclude_rules", "--exclude-rule"},
};

ConfigFile load_config_in_effect(const std::string& config_flag) {
  if (!config_flag.empty()) return load_config_file(config_flag);
  const auto found = find_config_file(std::filesystem::current_path());
  return found ? load_config_file(*found) : ConfigFile{};
}

void apply_database(GlobalOptions& options) {
  if (options.names_database()) return;
  if (const ConfigSetting* db = options.config_file.find("db")) {
    options.db = db->values.front();
    options.db_source = db->where.to_string();
  } else if (const ConfigSetting* db_env = options.config_file.find("db_env")) {
    options.db_env = db_env->values.front();
    options.db_source = db_env->where.to_string();
  }
}

void apply_format(const CLI::App& command, const std::vector<std::string>& formats, GlobalOptions& options) {
  if (command.get_parent()->get_option("--format")->count() > 0) {
    options.format_source = "--format";
    return;
  }
  const ConfigSetting* format = options.config_file.find("format");
  if (format == nullptr) return;
  if (std::find(formats.begin(), formats.end(), format->values.front()) == formats.end()) return;
  options.format = format->values.front();
  options.format_source = format->where.to_string();
}

// The flag is filled as if the user had typed the file's values, so it is
// checked the same way (--fail-on's choices, say).
void apply_flag(CLI::App& command, const ConfigSetting& setting, const char* key, const char* flag) {
  CLI::Option* option = command.get_option_no_throw(flag);
  if (option == nullptr || option->count() > 0) return;
  try {
    option->clear();
    option->add_result(setting.values);
    option->run_callback();
  } catch (const CLI::ParseError& error) {
    throw InputError(setting.where, std::string(key) + ": " + one_line(error.what()));
  }
}

}  // namespace

void apply_config_file(CLI::App& command, const std::vector<std::string>& formats, GlobalOptions& options) {
  options.config_file = load_config_in_effect(options.config);
  apply_database(options);
  apply_format(command, formats, options);
  for (const auto& [key, flag] : k_command_flags)
    if (const ConfigSetting* setting = options.config_file.find(key)) apply_flag(command, *setting, key, flag);
  // The file's fleet, unless --db or --db-env names one database for this run.
  if (const ConfigSetting* targets = options.config_file.find("targets"); targets && !options.names_database())
    apply_flag(command, *targets, "targets", "--targets");
}

}  // namespace plumb::cli
