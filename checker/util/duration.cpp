#include "util/duration.hpp"

#include <cctype>

#include "util/errors.hpp"

namespace plumb {
namespace {

struct Unit {
  const char* suffix;
  long long milliseconds;
};

// Longest suffix first, so "ms" is not read as "m" followed by junk.
const Unit k_units[] = {{"ms", 1}, {"s", 1000}, {"m", 60 * 1000}, {"h", 60 * 60 * 1000}};

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text, const std::string& what) {
  const auto bad = [&] {
    return InputError(what + ": '" + text + "' is not a duration (use e.g. 500ms, 5s, 2m, 1h)");
  };
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) throw bad();
  const long long number = std::stoll(text.substr(0, digits));
  const std::string suffix = text.substr(digits);
  if (suffix.empty() && number == 0) return std::chrono::milliseconds(0);
  for (const auto& unit : k_units)
    if (suffix == unit.suffix) return std::chrono::milliseconds(number * unit.milliseconds);
  throw bad();
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms == 0) return "0s";
  for (auto unit = std::rbegin(k_units); unit != std::rend(k_units); ++unit)
    if (ms % unit->milliseconds == 0) return std::to_string(ms / unit->milliseconds) + unit->suffix;
  return std::to_string(ms) + "ms";
}

}  // namespace plumb
