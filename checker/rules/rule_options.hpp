// RuleOptions: reading a rule's own keys from its YAML with errors that point
// at the offending place in the rules file ("file:line:column: rule 'x': ...").
// Check kinds use these in validate() and run().
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"
#include "util/errors.hpp"
#include "util/source_location.hpp"

namespace plumb {

// Where `node` sits in the file `file` (yaml-cpp counts from 0, we from 1).
SourceLocation location_of(const std::string& file, const YAML::Node& node);

// An InputError "rule 'ID': message" pointing at `node` of `rule` (at the
// rule itself when `node` is not defined). The loader adds the line and caret.
InputError rule_error(const Rule& rule, const YAML::Node& node, const std::string& message);

// The key's value as a string; nullopt when absent. Throws InputError when it
// is not a scalar.
std::optional<std::string> optional_string(const Rule& rule, const std::string& key);

// The key's value as a list of strings (a single scalar counts as a list of
// one); empty when absent. Throws InputError for anything else.
std::vector<std::string> string_list(const Rule& rule, const std::string& key);

}  // namespace plumb
