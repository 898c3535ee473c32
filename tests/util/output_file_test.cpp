#include "util/output_file.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "support/temp_directory.hpp"
#include "util/errors.hpp"

using plumb::write_output;
using plumb::testing::TempDirectory;

TEST_CASE("output without a path goes to standard output", "[util]") {
  std::ostringstream out;
  write_output("", "report\n", out);
  CHECK(out.str() == "report\n");
}

TEST_CASE("output with a path replaces the file and prints nothing", "[util]") {
  const TempDirectory folder;
  std::ostringstream out;
  write_output(folder.write("out.json", "old"), "{}\n", out);
  CHECK(folder.read("out.json") == "{}\n");
  CHECK(out.str().empty());
}

TEST_CASE("output that cannot be written goes to standard output and the failure says so", "[util]") {
  const TempDirectory folder;
  const std::string path = folder.path() + "/missing/out.json";
  std::ostringstream out;
  CHECK_THROWS_MATCHES(write_output(path, "report\n", out), plumb::RuntimeFailure,
                       Catch::Message("cannot create --output " + path +
                                      ": No such file or directory (the report went to standard output instead)"));
  CHECK(out.str() == "report\n");
}
