// Fuzz target: any bytes as a migration file. The reader must either accept
// them or throw InputError (exit 2 with file:line); any other exception, a
// crash, a leak or a hang is a bug that libFuzzer reports.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migrate/migration_file.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    plumb::parse_migration_file("001_fuzz.sql", text);
  } catch (const plumb::InputError&) {
    // A clear refusal is the right answer to bad input.
  }
  return 0;
}
