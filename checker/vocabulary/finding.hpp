// Finding: one thing a rule found wrong, said so that a person can act on it:
// which object, what is wrong, why it matters, how to fix it, and for data
// rules some sample rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb {

enum class Severity { info, warning, error };

// "info", "warning", "error".
const char* to_string(Severity severity);

// Sample rows of a data finding, limited to the columns the rule names.
struct SampleRows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;  // nullopt is SQL NULL
  // What the rows are, as the text report heads them.
  std::string title = "sample rows";
};

struct Finding {
  Severity severity = Severity::error;  // usually the rule's; a kind may lower it
  std::string object;   // e.g. "index public.invitation_log_entries.idx_on_..." or "table public.invitation_logs"
  std::string message;  // what is wrong
  std::string why;      // why it matters
  std::string fix;      // how to fix it (may hold SQL, several lines)
  SampleRows samples;
  // A place in a file the finding points at (lint: the statement); when
  // absent, reports point at the rule's own line.
  std::optional<SourceLocation> location;
  // What tells this finding apart from the rule's others, stable across runs
  // (e.g. the object's name, a duplicate key): the baseline fingerprint is
  // built from the rule id and this.
  std::string key;
};

}  // namespace plumb
