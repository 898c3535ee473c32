// Output: where results go (stdout or --output FILE) and whether they may be
// coloured.
#pragma once

#include <cstdio>
#include <string>

#include "cli/global_options.hpp"

namespace plumb::cli {

// Writes `text` to stdout, or to --output. A file is written beside its
// final name and renamed into place, so a failure (disk full, no permission)
// never leaves a half-written report (through a symbolic link, the file it
// points to is replaced). Our own stdout under another name (/dev/stdout)
// is stdout; a character device or a pipe (/dev/null, a FIFO) is written
// directly. When --output cannot be written the report goes to stdout
// instead, so that a record of the work done is not lost, and
// RuntimeFailure is thrown naming the path and the reason.
void write_result(const GlobalOptions& options, const std::string& text);

// True once write_result() has been called in this process: main then
// knows the command's own report was written (or tried), and writes no
// report of a failure over it.
bool result_written();

// True when `stream` is a terminal and NO_COLOR is not set.
bool colors_enabled(std::FILE* stream);

}  // namespace plumb::cli
