#include <catch2/catch.hpp>

#include "util/text.hpp"

TEST_CASE("one_line folds a libpq message onto a single line", "[util]") {
  CHECK(plumb::one_line("connection to server failed: refused\n\tIs the server running?\n") ==
        "connection to server failed: refused Is the server running?");
}

TEST_CASE("split keeps empty pieces and join puts them back", "[util]") {
  const auto parts = plumb::split("a,,b", ',');
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].empty());
  CHECK(plumb::join(parts, ",") == "a,,b");
}

TEST_CASE("trim removes surrounding white space only", "[util]") {
  CHECK(plumb::trim("  a b \n") == "a b");
  CHECK(plumb::trim(" \t ").empty());
}
