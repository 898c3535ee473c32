#include "cli/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

// True when `path` is our own stdout under another name (/dev/stdout,
// /dev/fd/1), whatever the shell connected it to: a file opened with `>>`
// must be appended to, not truncated or renamed over.
bool is_own_stdout(const std::string& path) {
  struct stat named {}, out {};
  return stat(path.c_str(), &named) == 0 && fstat(STDOUT_FILENO, &out) == 0 && named.st_dev == out.st_dev &&
         named.st_ino == out.st_ino;
}

bool g_result_written = false;

}  // namespace

bool result_written() { return g_result_written; }

void write_result(const GlobalOptions& options, const std::string& text) {
  g_result_written = true;
  // Nothing here masks the report: passwords are masked where they can
  // appear (the database errors it quotes), and a search and replace over
  // the whole text would corrupt it.
  if (options.output.empty() || is_own_stdout(options.output)) {
    std::cout << text << std::flush;
    return;
  }
  try {
    write_file_atomically(options.output, text, "--output " + options.output);
  } catch (const RuntimeFailure& error) {
    // The report may be all that says what a migrate up or sweep --apply
    // just did: losing it with the disk would lose that record.
    std::cout << text << std::flush;
    throw RuntimeFailure(std::string(error.what()) + " (the report went to standard output instead)");
  }
}

bool colors_enabled(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) == 1;
}

}  // namespace plumb::cli
