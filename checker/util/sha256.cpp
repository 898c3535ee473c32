#include "util/sha256.hpp"

#include <array>
#include <cstdint>

// SHA-256 as FIPS 180-4 defines it, written here rather than taken from
// libcrypto: loading libcrypto costs about 4 ms at every process start
// (its relocations and CPU probing), which is a tenth of a whole `plumb lint`
// run, while plumb only ever digests a migration file or a short key.
namespace plumb {
namespace {

constexpr std::array<uint32_t, 64> k_round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

using State = std::array<uint32_t, 8>;

uint32_t rotate_right(uint32_t word, int bits) { return (word >> bits) | (word << (32 - bits)); }

uint32_t big_endian_word(const unsigned char* bytes) {
  return uint32_t(bytes[0]) << 24 | uint32_t(bytes[1]) << 16 | uint32_t(bytes[2]) << 8 | uint32_t(bytes[3]);
}

// Folds one 64-byte block into `state` (FIPS 180-4, section 6.2.2).
void compress(State& state, const unsigned char* block) {
  std::array<uint32_t, 64> schedule;
  for (int t = 0; t < 16; ++t) schedule[t] = big_endian_word(block + 4 * t);
  for (int t = 16; t < 64; ++t) {
    uint32_t w15 = schedule[t - 15], w2 = schedule[t - 2];
    uint32_t sigma0 = rotate_right(w15, 7) ^ rotate_right(w15, 18) ^ (w15 >> 3);
    uint32_t sigma1 = rotate_right(w2, 17) ^ rotate_right(w2, 19) ^ (w2 >> 10);
    schedule[t] = schedule[t - 16] + sigma0 + schedule[t - 7] + sigma1;
  }
  State v = state;  // a..h
  for (int t = 0; t < 64; ++t) {
    uint32_t sum1 = rotate_right(v[4], 6) ^ rotate_right(v[4], 11) ^ rotate_right(v[4], 25);
    uint32_t choose = (v[4] & v[5]) ^ (~v[4] & v[6]);
    uint32_t temp1 = v[7] + sum1 + choose + k_round_constants[t] + schedule[t];
    uint32_t sum0 = rotate_right(v[0], 2) ^ rotate_right(v[0], 13) ^ rotate_right(v[0], 22);
    uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    v = {temp1 + sum0 + majority, v[0], v[1], v[2], v[3] + temp1, v[4], v[5], v[6]};
  }
  for (int i = 0; i < 8; ++i) state[i] += v[i];
}

// The message's last partial block, the 0x80 marker, zero padding and the
// message length in bits: one block, or two when the length does not fit.
void compress_tail(State& state, const unsigned char* rest, size_t rest_size, uint64_t message_size) {
  std::array<unsigned char, 128> tail{};
  for (size_t i = 0; i < rest_size; ++i) tail[i] = rest[i];
  tail[rest_size] = 0x80;
  size_t tail_size = rest_size + 1 + 8 <= 64 ? 64 : 128;
  uint64_t bit_length = message_size * 8;
  for (int i = 0; i < 8; ++i) tail[tail_size - 1 - i] = static_cast<unsigned char>(bit_length >> (8 * i));
  for (size_t offset = 0; offset < tail_size; offset += 64) compress(state, tail.data() + offset);
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
  State state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t whole_blocks = bytes.size() / 64 * 64;
  for (size_t offset = 0; offset < whole_blocks; offset += 64) compress(state, data + offset);
  compress_tail(state, data + whole_blocks, bytes.size() - whole_blocks, bytes.size());

  static const char* k_hex = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (uint32_t word : state)
    for (int shift = 28; shift >= 0; shift -= 4) hex += k_hex[(word >> shift) & 0xf];
  return hex;
}

}  // namespace plumb
