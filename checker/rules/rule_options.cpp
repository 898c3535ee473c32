#include "rules/rule_options.hpp"

#include "util/duration.hpp"

namespace plumb {
namespace {

void check_sweep_keys(const RuleOptions& options, const YAML::Node& sweep) {
  for (const auto& entry : sweep) {
    const std::string key = entry.first.as<std::string>();
    if (key != "set" && key != "follow_up")
      throw InputError(location_of(options.rule().location.file, entry.first),
                       "rule '" + options.rule().id + "': unknown key '" + key + "' in 'sweep' (expected set, follow_up)");
  }
}

}  // namespace

SourceLocation location_of(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

InputError RuleOptions::error_at(const YAML::Node& node, const std::string& message) const {
  SourceLocation where = m_rule.location;
  if (node.IsDefined() && !node.Mark().is_null()) where = location_of(m_rule.location.file, node);
  return InputError(where, "rule '" + m_rule.id + "': " + message);
}

SourceLocation RuleOptions::location(const std::string& key) const {
  const YAML::Node node = m_entry[key];
  if (!node.IsDefined() || node.Mark().is_null()) return m_rule.location;
  return location_of(m_rule.location.file, node);
}

InputError RuleOptions::error(const std::string& key, const std::string& message) const {
  return error_at(key.empty() ? m_entry : m_entry[key], message);
}

YAML::Node RuleOptions::required_key(const std::string& key) const {
  const YAML::Node node = m_entry[key];
  if (!node) throw error_at(m_entry, "missing key '" + key + "'");
  return node;
}

// `label` names the value in the message: "'table'" or "each item of 'columns'".
std::string RuleOptions::text_of(const YAML::Node& node, const std::string& label) const {
  if (!node.IsScalar() || node.Scalar().empty()) throw error_at(node, label + " must be a non-empty string");
  return node.Scalar();
}

std::string RuleOptions::required_text(const std::string& key) const {
  return text_of(required_key(key), "'" + key + "'");
}

std::optional<std::string> RuleOptions::optional_text(const std::string& key) const {
  const YAML::Node node = m_entry[key];
  if (!node) return std::nullopt;
  return text_of(node, "'" + key + "'");
}

std::vector<std::string> RuleOptions::text_list(const std::string& key, bool required) const {
  const YAML::Node node = required ? required_key(key) : m_entry[key];
  if (!node) return {};
  if (!node.IsSequence() || node.size() == 0) throw error_at(node, "'" + key + "' must be a non-empty list");
  std::vector<std::string> items;
  for (const auto& item : node) items.push_back(text_of(item, "each item of '" + key + "'"));
  return items;
}

std::optional<QualifiedName> RuleOptions::table(const std::string& key, bool required) const {
  const auto text = required ? std::optional<std::string>(required_text(key)) : optional_text(key);
  if (!text) return std::nullopt;
  try {
    return QualifiedName::parse(*text);
  } catch (const InputError& problem) {
    throw error(key, "'" + key + "' must be [SCHEMA.]NAME: " + problem.message());
  }
}

std::chrono::milliseconds RuleOptions::duration(const std::string& key) const {
  try {
    return parse_duration(required_text(key));
  } catch (const InputError& problem) {
    if (!problem.where().known()) throw error(key, problem.message());
    throw;
  }
}

std::optional<UserSql> RuleOptions::sql(const std::string& key) const {
  const auto text = optional_text(key);
  if (!text) return std::nullopt;
  return UserSql{key, *text, location(key)};
}

std::optional<SweepSpec> RuleOptions::sweep() const {
  const YAML::Node sweep = m_entry["sweep"];
  if (!sweep) return std::nullopt;
  // Index a map only: operator[] on a scalar throws yaml-cpp's own error.
  const YAML::Node set = sweep.IsMap() ? sweep["set"] : YAML::Node();
  if (!set || !set.IsMap() || set.size() == 0)
    throw error_at(sweep, "'sweep' must be a map with 'set', e.g. {set: {status: failed}}");
  check_sweep_keys(*this, sweep);
  SweepSpec spec;
  for (const auto& entry : set) {
    if (!entry.second.IsScalar() && !entry.second.IsNull())
      throw error_at(entry.second, "'sweep.set." + entry.first.as<std::string>() + "' must be a value");
    Assignment assignment{entry.first.as<std::string>(), std::nullopt, false};
    // `null` and `~` are SQL NULL; a quoted 'null' stays the text.
    if (entry.second.IsNull()) assignment.value = std::nullopt;
    else if (entry.second.Scalar() == "now()" && entry.second.Tag() != "!") assignment.is_now = true;
    else assignment.value = entry.second.Scalar();
    spec.set.push_back(assignment);
  }
  const YAML::Node follow_up = sweep["follow_up"];
  if (!follow_up) return spec;
  if (!follow_up.IsSequence() || follow_up.size() == 0)
    throw error_at(follow_up, "'sweep.follow_up' must be a non-empty list of columns");
  for (const auto& column : follow_up) {
    if (!column.IsScalar() || column.Scalar().empty())
      throw error_at(column, "each item of 'sweep.follow_up' must be a column name");
    spec.follow_up.push_back(column.Scalar());
  }
  return spec;
}

}  // namespace plumb
