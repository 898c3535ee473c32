#include "util/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

// True when `path` is our own stdout under another name, whatever the shell
// connected it to.
bool is_own_stdout(const std::string& path) {
  struct stat named {}, out {};
  return stat(path.c_str(), &named) == 0 && fstat(STDOUT_FILENO, &out) == 0 && named.st_dev == out.st_dev &&
         named.st_ino == out.st_ino;
}

}  // namespace

void write_output(const std::string& path, const std::string& text, std::ostream& standard_output) {
  // Nothing here masks the text: passwords are masked where they can appear
  // (the database errors a report quotes), and a search and replace over
  // the whole text would corrupt it.
  if (path.empty() || is_own_stdout(path)) {
    standard_output << text << std::flush;
    return;
  }
  try {
    write_file_atomically(path, text, "--output " + path);
  } catch (const RuntimeFailure& error) {
    // The report may be all that says what a migrate up or sweep --apply
    // just did: losing it with the disk would lose that record.
    standard_output << text << std::flush;
    throw RuntimeFailure(std::string(error.what()) + " (the report went to standard output instead)");
  }
}

}  // namespace plumb
