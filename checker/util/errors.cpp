#include "util/errors.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace plumb {

std::string SourceLocation::to_string() const {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  if (line > 0 && column > 0) text += ":" + std::to_string(column);
  return text;
}

namespace {

std::string located_message(const SourceLocation& where, const std::string& message,
                            const std::string& source_line) {
  std::string text = where.known() ? where.to_string() + ": " + message : message;
  if (source_line.empty()) return text;
  text += "\n    " + source_line;
  if (where.column > 0) {
    // Keep tabs in the padding so the caret lines up under a tabbed line too,
    // and pad once per character, not per byte, as a terminal shows them.
    std::string pad;
    for (int i = 0; i < where.column - 1 && i < static_cast<int>(source_line.size()); ++i) {
      const char byte = source_line[static_cast<size_t>(i)];
      if (!is_utf8_continuation(byte)) pad += byte == '\t' ? '\t' : ' ';
    }
    text += "\n    " + pad + "^";
  }
  return text;
}

}  // namespace

InputError::InputError(const SourceLocation& where, const std::string& message,
                       const std::string& source_line)
    : Error(located_message(where, message, source_line)), m_where(where), m_message(message) {}

}  // namespace plumb
