#include <catch2/catch.hpp>

#include "util/errors.hpp"

using plumb::InputError;
using plumb::SourceLocation;

TEST_CASE("an input error with a location reads file:line:column, the line and a caret", "[util]") {
  const InputError error(SourceLocation{"rules/x.yml", 14, 5}, "unknown key 'older_tha'",
                         "    older_tha: 30m");
  CHECK(std::string(error.what()) ==
        "rules/x.yml:14:5: unknown key 'older_tha'\n"
        "        older_tha: 30m\n"
        "        ^");
}

TEST_CASE("an input error without a location is the message alone", "[util]") {
  CHECK(std::string(InputError("bad flag").what()) == "bad flag");
}

TEST_CASE("a location prints only as much as is known", "[util]") {
  CHECK(SourceLocation{"a.sql", 3, 0}.to_string() == "a.sql:3");
  CHECK(SourceLocation{"a.sql", 0, 0}.to_string() == "a.sql");
}

// Columns count bytes (as yaml-cpp's marks and split_sql's do), but a
// terminal shows a character of two bytes in one cell.
TEST_CASE("the caret stands under its character after non ASCII text on the line", "[util]") {
  const InputError error(SourceLocation{"m.sql", 1, 17}, "syntax error at or near \";\"", "SELECT '\xc3\xa9t\xc3\xa9' +;");
  CHECK(std::string(error.what()) ==
        "m.sql:1:17: syntax error at or near \";\"\n"
        "    SELECT '\xc3\xa9t\xc3\xa9' +;\n"
        "                  ^");
}
