#include "cli/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

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

// True for a path that names a character device, a pipe or a socket
// (/dev/null, /dev/full, a FIFO): there is nothing to rename into them, and
// they never hold a half-written report, so they are written directly.
bool is_stream(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode));
}

// The file a symbolic link points to, so that renaming replaces the report
// and keeps the user's link; any other path as it is.
std::string resolved(const std::string& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return path;
  std::error_code error;
  const auto target = std::filesystem::weakly_canonical(path, error);
  return error ? path : target.string();
}

// Writes all of `text` into `file_path`, created or truncated. On failure
// removes `file_path` when `remove_on_failure`, and throws RuntimeFailure
// naming `output` (the path the user gave) and the reason.
void write_whole_file(const std::string& file_path, const std::string& output, const std::string& text,
                      bool remove_on_failure) {
  auto fail = [&](const std::string& what, int error) {
    if (remove_on_failure) std::remove(file_path.c_str());
    throw RuntimeFailure("cannot " + what + " --output " + output + ": " + std::strerror(error));
  };
  std::FILE* file = std::fopen(file_path.c_str(), "wb");
  if (file == nullptr) fail("create", errno);
  int error = 0;
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) error = errno;
  // fflush and fclose report a full disk that fwrite buffered past.
  if (std::fflush(file) != 0 && error == 0) error = errno;
  if (std::fclose(file) != 0 && error == 0) error = errno;
  if (error != 0) fail("write", error);
}

// A regular file is written beside its final name and renamed into place.
void write_file_atomically(const std::string& output, const std::string& text) {
  const std::string path = resolved(output);
  const std::string temporary = path + ".plumb-tmp";
  write_whole_file(temporary, output, text, true);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw RuntimeFailure("cannot rename into --output " + output + ": " + std::strerror(error));
  }
}

}  // namespace

void write_result(const GlobalOptions& options, const std::string& text) {
  // Nothing here masks the report: passwords are masked where they can
  // appear (the database errors it quotes), and a search and replace over
  // the whole text would corrupt it.
  if (options.output.empty() || is_own_stdout(options.output)) {
    std::cout << text << std::flush;
    return;
  }
  try {
    if (is_stream(options.output))
      write_whole_file(options.output, options.output, text, false);
    else
      write_file_atomically(options.output, text);
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
