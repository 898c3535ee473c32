#include "sweep/sweep_action.hpp"

#include "rules/data_rule_options.hpp"
#include "util/duration.hpp"

namespace plumb {
namespace {

std::vector<Assignment> assignments_of(const YAML::Node& set) {
  std::vector<Assignment> assignments;
  for (const auto& entry : set) {
    Assignment assignment;
    assignment.column = entry.first.as<std::string>();
    // `null` and `~` are SQL NULL; a quoted 'null' stays the text.
    if (entry.second.IsNull()) assignment.value = std::nullopt;
    else if (entry.second.Scalar() == "now()" && entry.second.Tag() != "!") assignment.is_now = true;
    else assignment.value = entry.second.Scalar();
    assignments.push_back(assignment);
  }
  return assignments;
}

}  // namespace

bool has_sweep_action(const Rule& rule) {
  return rule.check == "stale_rows" && rule.options["sweep"].IsDefined();
}

SweepAction sweep_action_of(const Rule& rule) {
  if (!has_sweep_action(rule))
    throw InputError(rule.location, "rule '" + rule.id + "' cannot be swept: only stale_rows rules with a 'sweep' action can");
  SweepAction action;
  action.rule_id = rule.id;
  action.table = required_text(rule, "table");
  action.condition = required_text(rule, "where");
  action.timestamp = required_text(rule, "timestamp");
  action.older_than = parse_duration(required_text(rule, "older_than"));
  action.show = text_list(rule, "show", false);
  const YAML::Node sweep = rule.options["sweep"];
  action.set = assignments_of(sweep["set"]);
  if (sweep["follow_up"])
    for (const auto& column : sweep["follow_up"]) action.follow_up.push_back(column.Scalar());
  return action;
}

}  // namespace plumb
