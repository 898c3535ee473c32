#include "support/full_filesystem.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace plumb::testing {
namespace {

// Appends to `path` until the filesystem refuses; true when it refused with
// ENOSPC, as a full disk does.
bool fill(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  const std::vector<char> block(4096, 'x');
  while (write(fd, block.data(), block.size()) > 0) {
  }
  const bool full = errno == ENOSPC;
  close(fd);
  return full;
}

}  // namespace

FullFilesystem::FullFilesystem() {
  // 64 KiB: a handful of pages, filled in a few writes.
  if (mount("tmpfs", path().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0)
    throw std::runtime_error("cannot mount a tmpfs on " + path() + " (the fault tests run as root): " +
                             std::strerror(errno));
  if (!fill(path() + "/filler")) {
    umount2(path().c_str(), MNT_DETACH);
    throw std::runtime_error("cannot fill the tmpfs on " + path());
  }
}

FullFilesystem::~FullFilesystem() { umount2(path().c_str(), MNT_DETACH); }

std::string FullFilesystem::entries() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(path())) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ",") + name;
  return joined;
}

}  // namespace plumb::testing
