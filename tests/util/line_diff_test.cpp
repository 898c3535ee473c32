#include "util/line_diff.hpp"

#include <catch2/catch.hpp>

using plumb::line_diff;

TEST_CASE("a line diff marks lines kept, removed and added in one hunk", "[util]") {
  CHECK(line_diff("old.yml", "a\nb\nc", "new", "a\nc\nd") == "--- old.yml\n+++ new\n a\n-b\n c\n+d\n");
}

TEST_CASE("a line diff of equal texts keeps every line", "[util]") {
  CHECK(line_diff("x", "a\nb", "y", "a\nb") == "--- x\n+++ y\n a\n b\n");
}

TEST_CASE("a moved line shows as one removal and one addition", "[util]") {
  CHECK(line_diff("x", "a\nb\nc", "y", "b\nc\na") == "--- x\n+++ y\n-a\n b\n c\n+a\n");
}
