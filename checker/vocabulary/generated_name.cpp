#include "vocabulary/generated_name.hpp"

#include <regex>

namespace plumb {

bool has_hash_suffix(const std::string& name) {
  static const std::regex k_hash("_[0-9a-f]{10}$");
  static const std::regex k_digit("[0-9]");
  static const std::regex k_letter("[a-f]");
  std::smatch found;
  if (!std::regex_search(name, found, k_hash)) return false;
  const std::string suffix = found.str();
  return std::regex_search(suffix, k_digit) && std::regex_search(suffix, k_letter);
}

}  // namespace plumb
