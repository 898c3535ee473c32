// Reading a whole file into a string, bytes as they are.
#pragma once

#include <optional>
#include <string>

namespace plumb {

// The whole of the file at `path`, or nothing when it cannot be opened
// (callers say what the file was for in their own error).
std::optional<std::string> read_file_text(const std::string& path);

}  // namespace plumb
