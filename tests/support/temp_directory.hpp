// TempDirectory: a fresh directory under /tmp for one test's files (e.g. a
// migrations folder), removed with everything in it afterwards.
#pragma once

#include <string>

namespace plumb::testing {

class TempDirectory {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::string& path() const { return m_path; }
  // Writes `text` to `name` inside the directory; returns the file's path.
  std::string write(const std::string& name, const std::string& text) const;
  // The contents of `name` inside the directory ("" when it does not exist).
  std::string read(const std::string& name) const;
  // Copies a file of the source tree (e.g. "migrations/001_reference_schema.sql") in.
  std::string copy_from_source(const std::string& relative_path) const;

 private:
  std::string m_path;
};

}  // namespace plumb::testing
