// OutputFile: where a command's result goes: standard output, or the file
// the user named (--output), written whole or not at all.
#pragma once

#include <ostream>
#include <string>

namespace plumb {

// Writes `text` to `standard_output` when `path` is empty or names our own
// standard output (/dev/stdout, /dev/fd/1: a file opened with `>>` must be
// appended to, not replaced); otherwise replaces the file at `path` with
// write_file_atomically (a character device or a pipe is written directly).
// When the file cannot be written the text goes to `standard_output`
// instead, so that a record of the work done is not lost, and
// RuntimeFailure is thrown naming `--output PATH` and the reason.
void write_output(const std::string& path, const std::string& text, std::ostream& standard_output);

}  // namespace plumb
