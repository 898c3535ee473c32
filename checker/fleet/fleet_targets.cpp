#include "fleet/fleet_targets.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const std::vector<std::string> k_target_keys = {"name", "db", "db_env", "replica", "tags"};

// The file being read: turns a node into an error with the file's own line
// under it and a caret at the column, as the rules loader does.
class TargetsFile {
 public:
  TargetsFile(std::string path, const std::string& text) : m_path(std::move(path)), m_lines(split(text, '\n')) {}

  SourceLocation where(const YAML::Mark& mark) const { return SourceLocation{m_path, mark.line + 1, mark.column + 1}; }

  InputError error(const YAML::Mark& mark, const std::string& message) const {
    const SourceLocation place = where(mark);
    std::string line = place.line > 0 && place.line <= static_cast<int>(m_lines.size())
                           ? m_lines[static_cast<size_t>(place.line - 1)] : "";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return InputError(place, message, line);
  }

  std::string scalar(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar() || node.Scalar().empty()) throw error(node.Mark(), key + ": expected a non-empty value");
    return node.Scalar();
  }

 private:
  std::string m_path;
  std::vector<std::string> m_lines;
};

std::vector<std::string> read_tags(const TargetsFile& file, const YAML::Node& node) {
  if (node.IsScalar()) return {file.scalar(node, "tags")};
  if (!node.IsSequence()) throw file.error(node.Mark(), "tags: expected a list of tags");
  std::vector<std::string> tags;
  for (const auto& tag : node) tags.push_back(file.scalar(tag, "tags"));
  return tags;
}

// A connection string of the file; its InputError (already masked) is
// given the place of `node`.
ConnectionSettings connection_at(const TargetsFile& file, const YAML::Node& node, const std::string& conninfo,
                                 const std::string& origin) {
  try {
    return ConnectionSettings::from_string(conninfo, origin);
  } catch (const InputError& error) {
    throw file.error(node.Mark(), error.message());
  }
}

// `db:` or `db_env:`, exactly one.
ConnectionSettings read_primary(const TargetsFile& file, const YAML::Node& entry, const std::string& name) {
  const YAML::Node db = entry["db"];
  const YAML::Node db_env = entry["db_env"];
  if (db && db_env) throw file.error(db_env.Mark(), "target '" + name + "': give db or db_env, not both");
  if (!db && !db_env) throw file.error(entry.Mark(), "target '" + name + "': missing db (or db_env)");
  const std::string origin = "target '" + name + "' " + (db ? "db" : "db_env");
  if (db_env) {
    const std::string variable = file.scalar(db_env, "db_env");
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr || *value == '\0')
      throw file.error(db_env.Mark(), origin + ": the environment variable " + variable + " is not set or empty");
    return connection_at(file, db_env, std::string(value), origin + " " + variable);
  }
  return connection_at(file, db, file.scalar(db, "db"), origin);
}

Target read_target(const TargetsFile& file, const YAML::Node& entry) {
  if (!entry.IsMap()) throw file.error(entry.Mark(), "expected a target (a mapping with name and db)");
  for (const auto& pair : entry) {
    const std::string key = pair.first.Scalar();
    if (std::find(k_target_keys.begin(), k_target_keys.end(), key) == k_target_keys.end())
      throw file.error(pair.first.Mark(), "unknown key '" + key + "' (expected one of: " + join(k_target_keys, ", ") + ")");
  }
  if (!entry["name"]) throw file.error(entry.Mark(), "target without a name");
  Target target;
  target.name = file.scalar(entry["name"], "name");
  target.location = file.where(entry.Mark());
  target.primary = read_primary(file, entry, target.name);
  if (const YAML::Node replica = entry["replica"])
    target.replica = connection_at(file, replica, file.scalar(replica, "replica"), "target '" + target.name + "' replica");
  if (const YAML::Node tags = entry["tags"]) target.tags = read_tags(file, tags);
  return target;
}

YAML::Node parse(const std::string& path, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw TargetsFile(path, text).error(error.mark, error.msg);
  }
}

}  // namespace

std::vector<Target> load_targets(const std::string& path, bool other_keys_allowed) {
  const auto text = read_file_text(path);
  if (!text) throw InputError("cannot read targets file " + path);
  const TargetsFile file(path, *text);
  const YAML::Node root = parse(path, *text);
  if (root.IsMap() && !other_keys_allowed)
    for (const auto& pair : root)
      if (pair.first.Scalar() != "targets")
        throw file.error(pair.first.Mark(), "unknown key '" + pair.first.Scalar() + "' (expected targets)");
  if (!root.IsMap() || !root["targets"])
    throw file.error(root.Mark(), "expected 'targets:' with a list of targets (name, db)");
  const YAML::Node list = root["targets"];
  if (!list.IsSequence() || list.size() == 0) throw file.error(list.Mark(), "targets: expected a list of at least one target");
  std::vector<Target> targets;
  std::map<std::string, SourceLocation> seen;
  for (const auto& entry : list) {
    Target target = read_target(file, entry);
    const auto [first, inserted] = seen.emplace(target.name, target.location);
    if (!inserted)
      throw file.error(entry["name"].Mark(), "target '" + target.name + "' is given twice (first at " +
                                                   first->second.to_string() + ")");
    targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<Target> select_targets(const std::vector<Target>& targets, const std::vector<std::string>& selectors) {
  const auto picks = [](const Target& target, const std::string& selector) {
    return target.name == selector || std::find(target.tags.begin(), target.tags.end(), selector) != target.tags.end();
  };
  for (const auto& selector : selectors)
    if (std::none_of(targets.begin(), targets.end(), [&](const Target& target) { return picks(target, selector); }))
      throw InputError("--target " + selector + ": no target has this name or tag");
  if (selectors.empty()) return targets;
  std::vector<Target> chosen;
  for (const auto& target : targets)
    if (std::any_of(selectors.begin(), selectors.end(), [&](const std::string& selector) { return picks(target, selector); }))
      chosen.push_back(target);
  return chosen;
}

}  // namespace plumb
