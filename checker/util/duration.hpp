// Duration: the lengths of time users write in flags and rules files
// ("500ms", "5s", "30m", "2h", "1d").
#pragma once

#include <chrono>
#include <string>

namespace plumb {

// Parses a whole number followed by one unit: ms, s, m, h or d. Throws
// InputError ("invalid duration 'x': expected a number and a unit (ms, s,
// m, h, d), e.g. 30s") for anything else, including negative numbers.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace plumb
