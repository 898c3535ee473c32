#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "support/temp_directory.hpp"
#include "util/errors.hpp"
#include "util/folder_files.hpp"

using plumb::files_in_folder;
using plumb::testing::TempDirectory;
using Paths = std::vector<std::string>;

TEST_CASE("a folder's files of the wanted extensions come sorted, subfolders only when recursive", "[util]") {
  const TempDirectory folder;
  folder.write("b.yml", "");
  folder.write("a.yaml", "");
  folder.write("notes.txt", "");
  REQUIRE(mkdir((folder.path() + "/sub").c_str(), 0700) == 0);
  folder.write("sub/c.yml", "");
  const std::string p = folder.path();
  CHECK(files_in_folder(p, "rules folder", {".yml", ".yaml"}, false) == Paths{p + "/a.yaml", p + "/b.yml"});
  CHECK(files_in_folder(p, "rules folder", {".yml", ".yaml"}, true) == Paths{p + "/a.yaml", p + "/b.yml", p + "/sub/c.yml"});
}

TEST_CASE("a symbolic link to a file counts and a link to nothing is left out", "[util]") {
  const TempDirectory folder;
  const std::string target = folder.write("target.txt", "SELECT 1;\n");
  REQUIRE(symlink(target.c_str(), (folder.path() + "/001_link.sql").c_str()) == 0);
  REQUIRE(symlink((folder.path() + "/gone").c_str(), (folder.path() + "/002_dangling.sql").c_str()) == 0);
  CHECK(files_in_folder(folder.path(), "migrations directory", {".sql"}, false) == Paths{folder.path() + "/001_link.sql"});
}

// The throwing std::filesystem calls let ELOOP out as a raw
// filesystem_error, which plumb reported as a runtime failure (exit 3).
TEST_CASE("a symbolic link loop in a folder is bad input naming the link", "[util]") {
  const TempDirectory folder;
  const std::string a = folder.path() + "/a.yml";
  REQUIRE(symlink(a.c_str(), a.c_str()) == 0);
  for (const bool recursive : {false, true})
    CHECK_THROWS_MATCHES(files_in_folder(folder.path(), "rules folder", {".yml"}, recursive), plumb::InputError,
                         Catch::Message(a + ": cannot read it: Too many levels of symbolic links"));
}

// A loop of folder links is never walked: links to folders are not followed.
TEST_CASE("a folder that links to itself is not walked into", "[util]") {
  const TempDirectory folder;
  folder.write("a.yml", "");
  REQUIRE(symlink(folder.path().c_str(), (folder.path() + "/again").c_str()) == 0);
  CHECK(files_in_folder(folder.path(), "rules folder", {".yml"}, true) == Paths{folder.path() + "/a.yml"});
}

TEST_CASE("a folder that cannot be opened is bad input saying what it was for", "[util]") {
  CHECK_THROWS_MATCHES(files_in_folder("/nonexistent/migrations", "migrations directory", {".sql"}, false),
                       plumb::InputError,
                       Catch::Message("/nonexistent/migrations: cannot read the migrations directory: No such file or directory"));
}
