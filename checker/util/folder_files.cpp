#include "util/folder_files.hpp"

#include <algorithm>
#include <filesystem>

#include "util/errors.hpp"

namespace plumb {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_read(const fs::path& path, const std::error_code& error) {
  throw InputError(path.string() + ": cannot read it: " + error.message());
}

bool wanted(const fs::directory_entry& entry, const std::vector<std::string>& extensions) {
  const std::string extension = entry.path().extension().string();
  if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) return false;
  // The throwing overload turned a symbolic link loop into a raw
  // filesystem_error (exit 3); a link to nothing is simply not a file.
  std::error_code error;
  const bool regular = entry.is_regular_file(error);
  if (error && error != std::errc::no_such_file_or_directory) cannot_read(entry.path(), error);
  return regular;
}

// Walks `entries` (a directory_iterator or recursive_directory_iterator)
// with error codes, so that every failure names its path.
template <typename Iterator>
std::vector<std::string> collect(Iterator entries, const std::vector<std::string>& extensions) {
  std::vector<std::string> paths;
  std::error_code error;
  fs::path last;
  for (; entries != Iterator(); entries.increment(error)) {
    last = entries->path();
    if (wanted(*entries, extensions)) paths.push_back(last.string());
  }
  // increment() fails on the entry it could not go into (a subfolder
  // without permission) and leaves `entries` at its end.
  if (error) cannot_read(last, error);
  return paths;
}

}  // namespace

std::vector<std::string> files_in_folder(const std::string& directory, const std::string& what,
                                         const std::vector<std::string>& extensions, bool recursive) {
  std::error_code error;
  std::vector<std::string> paths;
  if (recursive) {
    fs::recursive_directory_iterator entries(directory, error);
    if (error) throw InputError(directory + ": cannot read the " + what + ": " + error.message());
    paths = collect(std::move(entries), extensions);
  } else {
    fs::directory_iterator entries(directory, error);
    if (error) throw InputError(directory + ": cannot read the " + what + ": " + error.message());
    paths = collect(std::move(entries), extensions);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace plumb
