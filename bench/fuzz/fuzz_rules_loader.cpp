// Fuzz target: any bytes as a rules file. The loader must either accept
// them or throw InputError (exit 2 with file:line:column); any other
// exception, a crash, a leak or a hang is a bug that libFuzzer reports.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rules/rule_loader.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  plumb::RuleSet rules;
  try {
    plumb::load_rules_text("fuzz.yml", text, rules);
  } catch (const plumb::InputError&) {
    // A clear refusal is the right answer to bad input.
  }
  return 0;
}
