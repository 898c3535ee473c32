// LintSuppression: a reviewed exception written in the migration itself, as
// a comment on a line of its own just before the statement it covers:
//   -- plumb:lint-ignore <rule-id> <reason>
// The finding stays in the report, lowered to info and marked suppressed,
// so that a reviewer sees every exception and why it was made.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb {

struct LintSuppression {
  std::string rule_id;
  std::string reason;
  SourceLocation where;  // the comment's line
};

// The suppressions of a file, by the line of the comment. Throws InputError
// (file:line:column, the line and a caret) for a comment without a rule id
// or a reason, or naming a rule that does not exist.
std::map<int, std::vector<LintSuppression>> read_suppressions(const std::string& path, const std::string& text);

}  // namespace plumb
