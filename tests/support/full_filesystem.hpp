// FullFilesystem: a tiny tmpfs mounted on a temporary folder and filled to
// its last byte, so that writing a file in it fails with ENOSPC exactly as
// on a full disk. Needs root (CAP_SYS_ADMIN), as the test suite has in CI.
#pragma once

#include <string>

#include "support/temp_directory.hpp"

namespace plumb::testing {

class FullFilesystem {
 public:
  // Mounts and fills it. Throws std::runtime_error with the reason when
  // mount(2) is refused, so the test fails rather than skips.
  FullFilesystem();
  // Unmounts it (the folder itself goes with m_mount_point).
  ~FullFilesystem();
  FullFilesystem(const FullFilesystem&) = delete;
  FullFilesystem& operator=(const FullFilesystem&) = delete;

  const std::string& path() const { return m_mount_point.path(); }
  // The names in the folder, sorted and joined by ",": what a failed write
  // left behind next to the filler.
  std::string entries() const;

 private:
  TempDirectory m_mount_point;
};

}  // namespace plumb::testing
