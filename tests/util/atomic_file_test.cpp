#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "support/temp_directory.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

using plumb::write_file_atomically;
using plumb::testing::TempDirectory;

namespace {

// The names in `folder`, sorted and joined by ",".
std::string entries(const TempDirectory& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path()))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ",") + name;
  return joined;
}

}  // namespace

TEST_CASE("a file is written whole and replaces the one before, with nothing left beside it", "[util]") {
  const TempDirectory folder;
  const std::string path = folder.write("baseline.json", "old\n");
  write_file_atomically(path, "new\n", "baseline " + path);
  CHECK(folder.read("baseline.json") == "new\n");
  CHECK(entries(folder) == "baseline.json");
}

TEST_CASE("writing through a symbolic link replaces the file it points to and keeps the link", "[util]") {
  const TempDirectory folder;
  const std::string target = folder.write("real.json", "old\n");
  const std::string link = folder.path() + "/link.json";
  REQUIRE(symlink(target.c_str(), link.c_str()) == 0);
  write_file_atomically(link, "new\n", "--output " + link);
  CHECK(std::filesystem::is_symlink(link));
  CHECK(folder.read("real.json") == "new\n");
}

TEST_CASE("a file that cannot be created is a runtime failure naming it as the user knows it", "[util]") {
  const TempDirectory folder;
  const std::string path = folder.path() + "/missing/out.json";
  CHECK_THROWS_MATCHES(write_file_atomically(path, "x", "--output out.json"), plumb::RuntimeFailure,
                       Catch::Message("cannot create --output out.json: No such file or directory"));
}

// A fixed temporary name could be planted by another local user as a link
// to a file of ours, which writing would then have overwritten.
TEST_CASE("a link planted where the temporary file goes is neither followed nor overwritten", "[util]") {
  const TempDirectory folder;
  const std::string victim = folder.write("victim.txt", "keep\n");
  const std::string path = folder.path() + "/out.json";
  const std::string planted = path + ".plumb-tmp-" + std::to_string(getpid()) + "-0";
  REQUIRE(symlink(victim.c_str(), planted.c_str()) == 0);
  write_file_atomically(path, "report\n", "--output " + path);
  CHECK(folder.read("victim.txt") == "keep\n");
  CHECK(folder.read("out.json") == "report\n");
  CHECK(std::filesystem::is_symlink(planted));
}

TEST_CASE("a character device is written directly", "[util]") {
  CHECK_NOTHROW(write_file_atomically("/dev/null", "x", "--output /dev/null"));
  CHECK_THROWS_MATCHES(write_file_atomically("/dev/full", "x", "--output /dev/full"), plumb::RuntimeFailure,
                       Catch::Message("cannot write --output /dev/full: No space left on device"));
}
