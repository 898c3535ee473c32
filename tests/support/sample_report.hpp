// A CheckReport with one rule of each status, for renderer and baseline tests.
#pragma once

#include "vocabulary/check_report.hpp"

namespace plumb::testing {

// Rules, in order: "entries-unique" passed; "no-stuck-batches" failed with
// one finding (samples, a NULL, and text with quotes, '<', '%', ':' ',' and a
// newline); "statuses" failed with a warning located in another file;
// "counters" error; "big-scan" timed out. All in "rules/reference-data.yml".
CheckReport sample_report();

}  // namespace plumb::testing
