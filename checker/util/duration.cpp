#include "util/duration.hpp"

#include <cctype>
#include <iterator>

#include "util/errors.hpp"

namespace plumb {
namespace {

struct Unit {
  const char* suffix;
  long long milliseconds;
};

// Each unit is matched against the whole suffix, so "ms" never reads as "m".
const Unit k_units[] = {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const std::string suffix = text.substr(digits);
  // At most 9 digits: even times a day in milliseconds that stays far inside 64 bits.
  if (digits > 0 && digits <= 9) {
    const long long number = std::stoll(text.substr(0, digits));
    if (suffix.empty() && number == 0) return std::chrono::milliseconds(0);
    for (const auto& unit : k_units)
      if (suffix == unit.suffix) return std::chrono::milliseconds(number * unit.milliseconds);
  }
  throw InputError("invalid duration '" + text + "': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s");
}

std::chrono::milliseconds parse_duration(const std::string& text, const std::string& what) {
  try {
    return parse_duration(text);
  } catch (const InputError& error) {
    throw InputError(what + ": " + error.what());
  }
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms == 0) return "0s";
  for (auto unit = std::rbegin(k_units); unit != std::rend(k_units); ++unit)
    if (ms % unit->milliseconds == 0) return std::to_string(ms / unit->milliseconds) + unit->suffix;
  return std::to_string(ms) + "ms";
}

}  // namespace plumb
