#include <catch2/catch.hpp>

#include "schema/key_meaning.hpp"

using namespace plumb;

namespace {

Table table() {
  Table t{"public", "t", {}, {}, {}};
  t.columns = {{"email", "character varying", false, std::nullopt}, {"Email", "text", false, std::nullopt},
               {"n", "integer", false, std::nullopt},      {"d", "numeric", false, std::nullopt},
               {"u", "uuid", false, std::nullopt},          {"c", "citext", false, std::nullopt}};
  return t;
}

KeyMeaning of(const std::string& text, const std::string& opclass = "") {
  return key_meaning({text, text.find_first_of("(:") != std::string::npos}, table(), opclass);
}

}  // namespace

TEST_CASE("index keys plumb understands", "[rules]") {
  using Kind = KeyMeaning::Kind;
  CHECK(of("email").kind == Kind::column);
  CHECK(of("lower((email)::text)").kind == Kind::lowered);
  CHECK(of("lower((email)::text)").column == "email");
  CHECK(of("lower(\"Email\")").column == "Email");
  CHECK(of("(n)::text").kind == Kind::column);
  CHECK(of("(n)::bigint").kind == Kind::column);
  CHECK(of("(u)::text").kind == Kind::column);
  CHECK(of("(email)::character varying(10)").kind == Kind::column);
  const auto coalesced = of("COALESCE(n, 0)");
  CHECK(coalesced.kind == Kind::null_as_value);
  CHECK(coalesced.column == "n");
  CHECK(coalesced.constant == "0");
  CHECK(of("email", "varchar_pattern_ops").kind == Kind::column);
}

TEST_CASE("index keys plumb does not understand, rather than guess", "[rules]") {
  using Kind = KeyMeaning::Kind;
  CHECK(of("upper((email)::text)").kind == Kind::not_understood);
  CHECK(of("(d)::text").kind == Kind::not_understood);      // 1.0 and 1.00: one number, two texts
  CHECK(of("(c)::text").kind == Kind::not_understood);      // citext equality ignores case, text's does not
  CHECK(of("lower((n)::text)").kind == Kind::not_understood);
  CHECK(of("(email || 'x'::text)").kind == Kind::not_understood);
  CHECK(of("email", "my_ops").kind == Kind::not_understood);
  CHECK(of("COALESCE(n, d)").kind == Kind::not_understood);
}
