#include <catch2/catch.hpp>

#include "util/errors.hpp"
#include "util/utf8.hpp"

using plumb::first_invalid_utf8;
using plumb::require_utf8;

TEST_CASE("well formed UTF-8 of one to four bytes per character is accepted", "[util]") {
  for (const std::string text : {"", "plain ascii", "caf\xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"}) {
    INFO(text);
    CHECK_FALSE(first_invalid_utf8(text).has_value());
  }
}

TEST_CASE("ill formed UTF-8 is found at its first bad byte", "[util]") {
  const std::vector<std::pair<std::string, size_t>> cases = {
      {"ab\xff", 2},                // never in UTF-8
      {"a\x80", 1},                 // a continuation byte alone
      {"\xc3(", 0},                 // a lead byte without its continuation
      {"\xc0\xaf", 0},              // an overlong '/'
      {"\xe0\x80\xaf", 0},          // an overlong '/' in three bytes
      {"\xed\xa0\x80", 0},          // a UTF-16 surrogate
      {"\xf4\x90\x80\x80", 0},      // above U+10FFFF
      {"ok \xe2\x82", 3},           // cut short at the end
  };
  for (const auto& [text, offset] : cases) {
    INFO(text);
    CHECK(first_invalid_utf8(text) == offset);
  }
}

TEST_CASE("a file that is not UTF-8 is refused at the line and column of the bad byte", "[util]") {
  try {
    require_utf8("rules/x.yml", "rules:\n  - id: \"bad\xff id\"\n");
    FAIL("no error");
  } catch (const plumb::InputError& error) {
    CHECK(std::string(error.what()) ==
          "rules/x.yml:2:13: not UTF-8: byte 0xFF does not start or continue a character (files must be UTF-8)\n"
          "      - id: \"bad? id\"\n"
          "                ^");
  }
}
