#include "util/utf8.hpp"

#include <fmt/format.h>

#include "util/errors.hpp"

namespace plumb {
namespace {

// The length of the well-formed sequence at `at`, or 0 when it is not one
// (RFC 3629's table: the second byte's range depends on the first byte).
size_t sequence_length(const std::string& text, size_t at) {
  const auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u; };
  const unsigned first = byte(at);
  if (first < 0x80) return 1;
  size_t length = 0;
  unsigned low = 0x80, high = 0xBF;
  if (first >= 0xC2 && first <= 0xDF) length = 2;
  else if (first >= 0xE0 && first <= 0xEF) length = 3;
  else if (first >= 0xF0 && first <= 0xF4) length = 4;
  else return 0;
  if (first == 0xE0) low = 0xA0;   // overlong
  if (first == 0xED) high = 0x9F;  // surrogates
  if (first == 0xF0) low = 0x90;   // overlong
  if (first == 0xF4) high = 0x8F;  // above U+10FFFF
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  return length;
}

}  // namespace

std::optional<size_t> first_invalid_utf8(const std::string& text) {
  for (size_t at = 0; at < text.size();) {
    const size_t length = sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::nullopt;
}

void require_utf8(const std::string& file, const std::string& text, int first_line) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return;
  const size_t line_start = *bad == 0 ? 0 : text.rfind('\n', *bad - 1) + 1;  // npos + 1 is 0
  const size_t line_end = text.find('\n', *bad);
  int line = first_line;
  for (size_t i = 0; i < line_start; ++i) line += text[i] == '\n';
  // The caret counts bytes, so the line is shown with the bad bytes as '?'.
  std::string shown = text.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
  for (char& c : shown)
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  const SourceLocation where{file, line, static_cast<int>(*bad - line_start) + 1};
  throw InputError(where, fmt::format("not UTF-8: byte 0x{:02X} does not start or continue a character (files must be UTF-8)",
                                      static_cast<unsigned char>(text[*bad])), shown);
}

}  // namespace plumb
