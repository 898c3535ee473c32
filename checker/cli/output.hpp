// Output: where results go (stdout or --output FILE) and whether they may be
// coloured.
#pragma once

#include <cstdio>
#include <functional>
#include <ostream>
#include <string>

#include "cli/global_options.hpp"

namespace plumb::cli {

// Writes `text` to stdout, or to --output, as write_output
// (util/output_file.hpp) says: a file whole or not at all, and the report on
// stdout when the file cannot be written.
void write_result(const GlobalOptions& options, const std::string& text);

// The same for a report that `write` produces a piece at a time: on stdout
// the pieces go out as they come (a migration plan can be 200 MB); a
// --output file is still written whole or not at all.
void write_result(const GlobalOptions& options, const std::function<void(std::ostream&)>& write);

// True once write_result() has been called in this process: main then
// knows the command's own report was written (or tried), and writes no
// report of a failure over it.
bool result_written();

// True when `stream` is a terminal and NO_COLOR is not set.
bool colors_enabled(std::FILE* stream);

}  // namespace plumb::cli
