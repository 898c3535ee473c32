#include "util/duration.hpp"

#include <cctype>
#include <map>

#include "util/errors.hpp"

namespace plumb {

std::chrono::milliseconds parse_duration(const std::string& text) {
  static const std::map<std::string, long long> k_unit_ms = {
      {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const auto unit = k_unit_ms.find(text.substr(digits));
  // More than 9 digits would overflow once multiplied by a day.
  if (digits == 0 || digits > 9 || unit == k_unit_ms.end())
    throw InputError("invalid duration '" + text + "': expected a number and a unit (ms, s, m, h, d), e.g. 30s");
  return std::chrono::milliseconds(std::stoll(text.substr(0, digits)) * unit->second);
}

std::string format_duration(std::chrono::milliseconds duration) {
  static const std::pair<const char*, long long> k_units_largest_first[] = {
      {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1000}};
  const long long ms = duration.count();
  if (ms == 0) return "0s";
  for (const auto& [suffix, unit_ms] : k_units_largest_first)
    if (ms % unit_ms == 0) return std::to_string(ms / unit_ms) + suffix;
  return std::to_string(ms) + "ms";
}

}  // namespace plumb
