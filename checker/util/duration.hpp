// Duration: the lengths of time people write in flags and rules files
// ("500ms", "5s", "30m", "2h", "1d", or a bare "0").
#pragma once

#include <chrono>
#include <string>

namespace plumb {

// Parses a whole number followed by one unit: ms, s, m, h or d; "0" alone is
// allowed. Throws InputError ("invalid duration 'x': expected a whole number
// and a unit (ms, s, m, h, d), e.g. 30s") for anything else, including
// negative numbers and numbers too large to hold.
std::chrono::milliseconds parse_duration(const std::string& text);

// As above, with the message prefixed by `what` (e.g. "--lock-timeout: ").
std::chrono::milliseconds parse_duration(const std::string& text, const std::string& what);

// "250ms", "5s", "2m" ...: the shortest exact form, for messages.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace plumb
