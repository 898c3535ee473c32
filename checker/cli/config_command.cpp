// `plumb config`: the settings in effect for a command run here, and where
// each came from (a flag, plumb.yml's line, the environment, the default),
// with any password masked.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

struct ShownSetting {
  std::string key;
  std::string value;
  std::string source;
};

// The defaults of the commands' own flags (check, sweep, lint, migrate).
struct FileKeyDefault {
  const char* key;
  const char* value;
};

const FileKeyDefault k_defaults[] = {
    {"rules", "rules"},
    {"migrations", "migrations"},
    {"history_table", "plumb_schema_migrations"},
    {"fail_on", "error"},
    {"lint.exclude_rules", ""},
};

std::vector<ShownSetting> settings_in_effect(const GlobalOptions& options) {
  const ConnectionSettings connection = options.connection();
  std::vector<ShownSetting> shown{
      {"config", options.config_file.path.empty() ? "(none)" : options.config_file.path,
       options.config.empty() ? (options.config_file.path.empty() ? "no plumb.yml here or above" : "found from the working directory")
                              : "--config"},
      {"db", connection.describe(), connection.origin()},
      {"format", options.format, options.format_source}};
  for (const auto& [key, value] : k_defaults) {
    const ConfigSetting* setting = options.config_file.find(key);
    if (setting == nullptr) shown.push_back({key, value, "default"});
    else shown.push_back({key, join(setting->values, ", "), setting->where.to_string()});
  }
  return shown;
}

std::string render_text(const std::vector<ShownSetting>& settings) {
  std::string text;
  for (const auto& setting : settings)
    text += fmt::format("{:<19} {}  ({})\n", setting.key + ":", setting.value.empty() ? "(none)" : setting.value,
                        setting.source);
  return text;
}

std::string render_json(const std::vector<ShownSetting>& settings) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& setting : settings) json[setting.key] = {{"value", setting.value}, {"source", setting.source}};
  return json.dump(2) + "\n";
}

int run_config(const GlobalOptions& options) {
  const auto settings = settings_in_effect(options);
  write_result(options, options.format == "json" ? render_json(settings) : render_text(settings));
  return k_exit_ok;
}

}  // namespace

CommandRunner declare_config_command(CLI::App&) { return run_config; }

}  // namespace plumb::cli
