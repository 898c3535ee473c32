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

}  // namespace plumb
