#include "util/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace plumb {

std::string sha256_hex(const std::string& bytes) {
  // OpenSSL comes with libpq-dev; EVP is its supported digest interface.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static const char* k_hex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += k_hex[digest[i] >> 4];
    hex += k_hex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace plumb
