// Durations written by people on the command line and in rules files:
// "500ms", "5s", "2m", "1h", or a bare "0".
#pragma once

#include <chrono>
#include <string>

namespace plumb {

// The duration `text` names. Accepts a non-negative whole number followed by
// ms, s, m or h; "0" alone is allowed. Throws InputError naming `what` (e.g.
// "--lock-timeout") and the text otherwise.
std::chrono::milliseconds parse_duration(const std::string& text, const std::string& what);

// "250ms", "5s", "2m" ...: the shortest exact form, for messages.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace plumb
