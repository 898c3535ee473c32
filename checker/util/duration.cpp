#include "util/duration.hpp"

#include <cctype>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "util/errors.hpp"

namespace plumb {
namespace {

// Each unit is matched against the whole suffix, so "ms" never reads as "m".
const std::vector<std::pair<std::string, std::int64_t>> k_units = {
    {"ms", 1}, {"s", 1000}, {"m", 60 * 1000}, {"h", 60 * 60 * 1000}, {"d", 24 * 60 * 60 * 1000}};

InputError bad_duration(const std::string& text) {
  return InputError("invalid duration '" + text + "': expected a whole number and a unit (ms, s, m, h, d), e.g. 30m");
}

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) throw bad_duration(text);
  const std::string unit = text.substr(digits);
  for (const auto& [name, factor] : k_units) {
    if (unit != name) continue;
    // At most 12 digits times a day in ms stays far below int64's limit.
    return std::chrono::milliseconds(std::stoll(text.substr(0, digits)) * factor);
  }
  throw bad_duration(text);
}

}  // namespace plumb
