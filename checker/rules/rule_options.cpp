#include "rules/rule_options.hpp"

#include "util/errors.hpp"

namespace plumb {

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

std::optional<std::string> optional_string(const Rule& rule, const std::string& key) {
  const YAML::Node value = rule.options[key];
  if (!value.IsDefined() || value.IsNull()) return std::nullopt;
  if (!value.IsScalar()) throw rule_error(rule, value, "'" + key + "' must be a string");
  return value.Scalar();
}

std::vector<std::string> string_list(const Rule& rule, const std::string& key) {
  const YAML::Node value = rule.options[key];
  if (!value.IsDefined() || value.IsNull()) return {};
  if (value.IsScalar()) return {value.Scalar()};
  if (!value.IsSequence()) throw rule_error(rule, value, "'" + key + "' must be a list of strings");
  std::vector<std::string> items;
  for (const auto& item : value) {
    if (!item.IsScalar()) throw rule_error(rule, item, "'" + key + "' must be a list of strings");
    items.push_back(item.Scalar());
  }
  return items;
}

}  // namespace plumb
