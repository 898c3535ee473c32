// SHA-256 of a byte string, as lowercase hex: migration checksums and
// finding fingerprints.
#pragma once

#include <string>

namespace plumb {

// The SHA-256 digest of `bytes`, 64 lowercase hex digits.
std::string sha256_hex(const std::string& bytes);

}  // namespace plumb
