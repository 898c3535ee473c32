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

TEST_CASE("ascii_lower folds A-Z only, whatever the locale", "[util]") {
  CHECK(plumb::ascii_lower("Status IN ('A')") == "status in ('a')");
  CHECK(plumb::ascii_lower("\xc3\x89t\xc3\xa9") == "\xc3\x89t\xc3\xa9");  // UTF-8 bytes kept as they are
}
