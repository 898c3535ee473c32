// Rule: one entry of a rules file's `rules` list, as loaded: the keys every
// rule has, plus the YAML of the whole entry for its check kind to read.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "util/source_location.hpp"

namespace plumb {

struct Rule {
  std::string id;
  std::string check;  // the check kind's name, e.g. "stale_rows"
  Severity severity = Severity::error;
  std::vector<std::string> tags;
  std::string description;
  SourceLocation location;  // the rule's first line in its file
  YAML::Node options;       // the whole entry; kinds read their own keys from it
};

}  // namespace plumb
