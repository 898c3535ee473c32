#include "cli/config_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/text.hpp"

namespace plumb::cli {
namespace {

namespace fs = std::filesystem;

struct KeySpec {
  const char* key;
  bool list;  // a list of values (a single scalar is taken as a list of one)
  bool path;  // values are paths, relative to the file's folder
  std::vector<std::string> allowed;  // empty: any value
};

const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> specs = {
      {"db", false, false, {}},
      {"db_env", false, false, {}},
      {"rules", true, true, {}},
      {"migrations", false, true, {}},
      {"history_table", false, false, {}},
      {"format", false, false, {"text", "json", "junit", "sarif", "github"}},
      {"fail_on", false, false, {"error", "warning"}},
      {"lint.exclude_rules", true, false, {}},
      {"targets", false, true, {}},
  };
  return specs;
}

SourceLocation location(const std::string& path, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return SourceLocation{path, mark.line + 1, mark.column + 1};
}

// A path of the file, as seen from the working directory.
std::string from_working_directory(const std::string& config_path, const std::string& value) {
  const fs::path value_path(value);
  if (value_path.is_absolute()) return value;
  const fs::path folder = fs::path(config_path).parent_path();
  if (folder.empty()) return value;
  return (folder / value_path).lexically_normal().string();
}

std::string scalar(const std::string& path, const std::string& key, const YAML::Node& node) {
  if (!node.IsScalar()) throw InputError(location(path, node), key + ": expected a single value");
  return node.Scalar();
}

ConfigSetting read_setting(const std::string& path, const KeySpec& spec, const YAML::Node& node) {
  ConfigSetting setting{{}, location(path, node)};
  if (node.IsSequence() && spec.list) {
    for (const auto& item : node) setting.values.push_back(scalar(path, spec.key, item));
  } else {
    setting.values.push_back(scalar(path, spec.key, node));
  }
  for (auto& value : setting.values) {
    if (!spec.allowed.empty() && std::find(spec.allowed.begin(), spec.allowed.end(), value) == spec.allowed.end())
      throw InputError(setting.where, std::string(spec.key) + ": '" + value + "' is not one of " + join(spec.allowed, ", "));
    if (spec.path) value = from_working_directory(path, value);
  }
  return setting;
}

const KeySpec* spec_for(const std::string& key) {
  for (const auto& spec : key_specs())
    if (key == spec.key) return &spec;
  return nullptr;
}

// Reads the pairs of `map` into `config`; `prefix` is "lint." inside lint:.
void read_map(const std::string& path, const YAML::Node& map, const std::string& prefix, ConfigFile& config) {
  for (const auto& pair : map) {
    const std::string key = prefix + pair.first.Scalar();
    if (prefix.empty() && key == "lint") {
      if (!pair.second.IsMap()) throw InputError(location(path, pair.second), "lint: expected a mapping (exclude_rules: [...])");
      read_map(path, pair.second, "lint.", config);
      continue;
    }
    if (key == "targets" && pair.second.IsSequence()) {
      // The list itself; the fleet loader reads it from this file.
      config.settings[key] = ConfigSetting{{path}, location(path, pair.second)};
      config.targets_inline = true;
      continue;
    }
    const KeySpec* spec = spec_for(key);
    if (spec == nullptr)
      throw InputError(location(path, pair.first),
                       "unknown key '" + key + "' (expected db, db_env, rules, migrations, history_table, format, "
                                               "fail_on, targets or lint: exclude_rules)");
    config.settings[key] = read_setting(path, *spec, pair.second);
  }
}

}  // namespace

const ConfigSetting* ConfigFile::find(const std::string& key) const {
  const auto found = settings.find(key);
  return found == settings.end() ? nullptr : &found->second;
}

std::optional<std::string> find_config_file(const fs::path& start) {
  std::error_code error;
  fs::path folder = fs::absolute(start, error);
  if (error) return std::nullopt;
  std::string up;  // "../" once per folder climbed
  while (true) {
    if (fs::is_regular_file(folder / "plumb.yml", error)) return up + "plumb.yml";
    if (!folder.has_relative_path()) return std::nullopt;  // the root
    folder = folder.parent_path();
    up += "../";
  }
}

ConfigFile load_config_file(const std::string& path) {
  const auto text = read_file_text(path);
  if (!text) throw InputError(path + ": cannot read the settings file");
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& error) {
    throw InputError(SourceLocation{path, error.mark.line + 1, error.mark.column + 1}, error.msg);
  }
  ConfigFile config;
  config.path = path;
  if (root.IsNull()) return config;
  if (!root.IsMap()) throw InputError(location(path, root), "expected a mapping of settings (db:, rules:, ...)");
  read_map(path, root, "", config);
  if (config.find("db") && config.find("db_env"))
    throw InputError(config.find("db_env")->where, "db_env: give db or db_env, not both");
  return config;
}

}  // namespace plumb::cli
