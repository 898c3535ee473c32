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

// The text of `key`. Throws InputError at the rule when the key is missing,
// and at the key when it is not a non-empty string.
std::string required_text(const Rule& rule, const std::string& key);
// As required_text, but nullopt when the key is absent.
std::optional<std::string> optional_text(const Rule& rule, const std::string& key);

// The strings of list `key`, e.g. `columns: [a, b]`; empty when the key is
// absent and not `required`. Throws InputError when the key is missing (and
// `required`), is not a list of non-empty strings, or is an empty list.
std::vector<std::string> text_list(const Rule& rule, const std::string& key, bool required);

}  // namespace plumb
