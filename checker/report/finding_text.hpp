// FindingText: a finding as plain lines of text, for the formats that carry
// free text (junit's failure body, github's annotation) rather than fields.
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// "message", then "why: ...", "fix: ..." and the sample rows as
// "column=value, ..." lines (NULL for SQL NULL), one per line, no colour.
std::string finding_text(const Finding& finding);

// What a rule that did not complete says: "timed out: ..." or "error: ...".
std::string incomplete_rule_text(const RuleResult& result);

}  // namespace plumb
