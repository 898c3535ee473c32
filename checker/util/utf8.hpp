// UTF-8 validation of user files: rules and migrations must be UTF-8 (the
// reports that quote them are JSON, XML and SARIF, which require it).
#pragma once

#include <optional>
#include <string>

#include "util/source_location.hpp"

namespace plumb {

// True for a byte that continues a UTF-8 sequence (10xxxxxx) rather than
// starting a character: counting the others counts characters.
inline bool is_utf8_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The byte offset of the first byte of `text` that does not start or
// continue a well-formed UTF-8 sequence (overlong forms, surrogates and code
// points above U+10FFFF are ill-formed), or nullopt when all of it is UTF-8.
std::optional<size_t> first_invalid_utf8(const std::string& text);

// Throws InputError "file:line:column: not UTF-8: byte 0xNN ..." with the
// line and a caret at the first ill-formed byte of `text`, the contents of
// `file` from line `first_line` on; returns when all of `text` is UTF-8.
void require_utf8(const std::string& file, const std::string& text, int first_line = 1);

}  // namespace plumb
