#include <catch2/catch.hpp>

#include "support/temp_directory.hpp"
#include "util/file_text.hpp"

using plumb::read_file_text;
using plumb::testing::TempDirectory;

TEST_CASE("a file is read whole with its bytes as they are", "[util]") {
  TempDirectory directory;
  const char raw[] = "line one\r\nNUL \0 and \xff\n";
  const std::string bytes(raw, sizeof raw - 1);  // the NUL inside included
  CHECK(read_file_text(directory.write("bytes.bin", bytes)) == bytes);
  CHECK(read_file_text(directory.write("empty.txt", "")) == std::string());
}

TEST_CASE("a file that cannot be opened reads as nothing", "[util]") {
  TempDirectory directory;
  CHECK_FALSE(read_file_text(directory.path() + "/missing.txt").has_value());
}
