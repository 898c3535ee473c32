#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/errors.hpp"

namespace plumb {
namespace {

// True for a path that names a character device, a pipe or a socket
// (/dev/null, /dev/full, a FIFO): there is nothing to rename into them, and
// they never hold a half-written file, so they are written directly.
bool is_stream(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode));
}

// The file a symbolic link points to, so that renaming replaces the file
// and keeps the user's link; any other path as it is.
std::string resolved(const std::string& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return path;
  std::error_code error;
  const auto target = std::filesystem::weakly_canonical(path, error);
  return error ? path : target.string();
}

[[noreturn]] void fail(const std::string& what, const std::string& shown_as, int error) {
  throw RuntimeFailure("cannot " + what + " " + shown_as + ": " + std::strerror(error));
}

// Writes all of `text` to `fd` and closes it; the errno of the first
// failure, or 0. fsync is skipped on what cannot be synced (a pipe).
int write_and_close(int fd, const std::string& text, bool sync) {
  int error = 0;
  for (size_t done = 0; done < text.size() && error == 0;) {
    const ssize_t written = ::write(fd, text.data() + done, text.size() - done);
    if (written < 0 && errno != EINTR) error = errno;
    if (written > 0) done += static_cast<size_t>(written);
  }
  // A full disk can show only here (delayed allocation, NFS).
  if (sync && error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

// A new file beside `path`, opened with O_EXCL so that nothing already
// there (another run's temporary file, a planted symbolic link) is
// followed or overwritten. Returns its descriptor and fills `temporary`.
int create_temporary(const std::string& path, const std::string& shown_as, std::string& temporary) {
  for (int attempt = 0;; ++attempt) {
    temporary = path + ".plumb-tmp-" + std::to_string(getpid()) + "-" + std::to_string(attempt);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST || attempt == 99) fail("create", shown_as, errno);
  }
}

void write_stream(const std::string& path, const std::string& text, const std::string& shown_as) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) fail("create", shown_as, errno);
  if (const int error = write_and_close(fd, text, false)) fail("write", shown_as, error);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text, const std::string& shown_as) {
  if (is_stream(path)) return write_stream(path, text, shown_as);
  const std::string target = resolved(path);
  std::string temporary;
  const int fd = create_temporary(target, shown_as, temporary);
  if (const int error = write_and_close(fd, text, true)) {
    std::remove(temporary.c_str());
    fail("write", shown_as, error);
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    fail("rename into", shown_as, error);
  }
}

}  // namespace plumb
