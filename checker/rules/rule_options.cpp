#include "rules/rule_options.hpp"

#include "util/errors.hpp"

namespace plumb {
namespace {

YAML::Node required_key(const Rule& rule, const std::string& key) {
  const YAML::Node node = rule.options[key];
  if (!node) throw rule_error(rule, rule.options, "missing key '" + key + "'");
  return node;
}

// `label` names the value in the message: "'table'" or "each item of 'columns'".
std::string text_of(const Rule& rule, const YAML::Node& node, const std::string& label) {
  if (!node.IsScalar() || node.Scalar().empty())
    throw rule_error(rule, node, label + " must be a non-empty string");
  return node.Scalar();
}

}  // namespace

SourceLocation location_of(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

InputError rule_error(const Rule& rule, const YAML::Node& node, const std::string& message) {
  SourceLocation where = rule.location;
  if (node.IsDefined() && !node.Mark().is_null()) where = location_of(rule.location.file, node);
  return InputError(where, "rule '" + rule.id + "': " + message);
}

std::string required_text(const Rule& rule, const std::string& key) {
  return text_of(rule, required_key(rule, key), "'" + key + "'");
}

std::optional<std::string> optional_text(const Rule& rule, const std::string& key) {
  const YAML::Node node = rule.options[key];
  if (!node) return std::nullopt;
  return text_of(rule, node, "'" + key + "'");
}

std::vector<std::string> text_list(const Rule& rule, const std::string& key, bool required) {
  const YAML::Node node = required ? required_key(rule, key) : rule.options[key];
  if (!node) return {};
  if (!node.IsSequence() || node.size() == 0) throw rule_error(rule, node, "'" + key + "' must be a non-empty list");
  std::vector<std::string> items;
  for (const auto& item : node) items.push_back(text_of(rule, item, "each item of '" + key + "'"));
  return items;
}

}  // namespace plumb
