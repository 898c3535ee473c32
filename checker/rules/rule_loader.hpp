// RuleLoader: reads rules files (YAML) into models and rules, refusing any
// mistake with "file:line:column: message", the line and a caret, before
// anything touches the database.
#pragma once

#include <string>
#include <vector>

#include "vocabulary/model.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

// Everything the rules files of one run say.
struct RuleSet {
  std::vector<std::string> files;  // the files read, in the order read
  std::vector<Model> models;
  std::vector<Rule> rules;
};

// The id of the rule added when the files hold models but no rules.
extern const char* const k_implicit_rule_id;

// Loads each path: a file, or a folder whose *.yml and *.yaml files are read
// in name order (subfolders too). When the files state models but no rules,
// adds one `unique_indexes_match_model` rule (k_implicit_rule_id) for every
// model. Throws InputError for a missing path, a folder without rules files,
// YAML syntax errors, unknown, missing or ill-typed keys, unknown check
// kinds, and duplicate rule ids or model names.
RuleSet load_rules(const std::vector<std::string>& paths);

// Loads one document held in memory, as if read from `file` (for tests and
// for load_rules).
void load_rules_text(const std::string& file, const std::string& text, RuleSet& into);

}  // namespace plumb
