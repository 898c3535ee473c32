#include "rails/ruby_value.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("Arguments of a validates line are read as symbols and one options hash", "[rails]") {
  const RubyArguments arguments =
      parse_ruby_arguments(":member_id, uniqueness: { scope: %i[invitation_type invitation_id] }, allow_nil: true");

  REQUIRE(arguments.positional.size() == 1);
  CHECK(arguments.positional[0].name() == "member_id");
  const RubyValue* scope = arguments.options.find("uniqueness")->find("scope");
  REQUIRE(scope != nullptr);
  REQUIRE(scope->items.size() == 2);
  CHECK(scope->items[1].kind == RubyValue::Kind::symbol);
  CHECK(scope->items[1].text == "invitation_id");
  CHECK(arguments.options.find("allow_nil")->is_true());
}

TEST_CASE("Old style hash rockets and parentheses are read too", "[rails]") {
  const RubyArguments arguments = parse_ruby_arguments("(:email, :uniqueness => {:case_sensitive => false})");

  CHECK(arguments.positional[0].name() == "email");
  const RubyValue* sensitive = arguments.options.find("uniqueness")->find("case_sensitive");
  REQUIRE(sensitive != nullptr);
  CHECK(sensitive->kind == RubyValue::Kind::boolean);
  CHECK(sensitive->text == "false");
}

TEST_CASE("A lambda keeps its body as text", "[rails]") {
  const RubyArguments arguments = parse_ruby_arguments("conditions: -> { where(deleted_at: nil) }, b: lambda { x }");

  CHECK(arguments.options.find("conditions")->kind == RubyValue::Kind::lambda);
  CHECK(arguments.options.find("conditions")->text == "where(deleted_at: nil)");
  CHECK(arguments.options.find("b")->text == "x");
}

TEST_CASE("Expressions plumb does not evaluate are kept as their source", "[rails]") {
  const RubyArguments arguments = parse_ruby_arguments("if: Feature.enabled?(:x), in: Status::ALL");

  CHECK(arguments.options.find("if")->kind == RubyValue::Kind::other);
  CHECK(arguments.options.find("if")->text == "Feature.enabled?(:x)");
  CHECK(arguments.options.find("in")->text == "Status::ALL");
}

TEST_CASE("Unreadable arguments are refused with what went wrong", "[rails]") {
  const auto [text, message] = GENERATE(table<std::string, std::string>({
      {":a, uniqueness: { scope: [:b, }", "unexpected '}'"},
      {":a, uniqueness: { scope: \"b }", "expected '\"'"},
      {":a :b", "unexpected ':b'"},
  }));
  CAPTURE(text);
  CHECK_THROWS_WITH(parse_ruby_arguments(text), message);
}

}  // namespace plumb
