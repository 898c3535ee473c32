// Durations as rules files and flags write them: `500ms`, `30s`, `30m`, `2h`, `1d`.
#pragma once

#include <chrono>
#include <string>

namespace plumb {

// The duration `text` names: a whole number followed by one unit of ms, s,
// m, h or d. Throws InputError (naming the text and the accepted forms) for
// anything else, a missing unit or a number too large to hold.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace plumb
