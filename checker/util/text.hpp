// Small string helpers that know nothing of databases or rules.
#pragma once

#include <string>
#include <vector>

namespace plumb {

// `text` without leading and trailing white space.
std::string trim(const std::string& text);

// `text` cut at each `separator`; empty pieces are kept.
std::vector<std::string> split(const std::string& text, char separator);

// `parts` joined with `separator` between them.
std::string join(const std::vector<std::string>& parts, const std::string& separator);

// A multi-line message (libpq's errors are) folded onto one line: lines
// trimmed, empty ones dropped, the rest joined with " ".
std::string one_line(const std::string& text);

bool starts_with(const std::string& text, const std::string& prefix);
// `text` with A-Z turned to a-z and every other byte kept (no locale).
std::string ascii_lower(std::string text);
bool ends_with(const std::string& text, const std::string& suffix);

}  // namespace plumb
