#include "rails/ruby_value.hpp"

#include <catch2/catch.hpp>

namespace plumb {
namespace {

// The arguments of the first statement of `ruby`, a method call.
RubyArguments arguments_of(const RubySyntaxTree& tree) { return ruby_arguments(tree.root().child(0)); }

}  // namespace

TEST_CASE("Arguments of a validates line are read as symbols and one options hash", "[rails]") {
  const RubySyntaxTree tree(
      "validates :member_id, uniqueness: { scope: %i[invitation_type invitation_id] }, allow_nil: true");
  const RubyArguments arguments = arguments_of(tree);

  REQUIRE(arguments.positional.size() == 1);
  CHECK(arguments.positional[0].name() == "member_id");
  const RubyValue* scope = arguments.options.find("uniqueness")->find("scope");
  REQUIRE(scope != nullptr);
  REQUIRE(scope->items.size() == 2);
  CHECK(scope->items[1].kind == RubyValue::Kind::symbol);
  CHECK(scope->items[1].text == "invitation_id");
  CHECK(arguments.options.find("allow_nil")->is_true());
}

TEST_CASE("Old style hash rockets, string keys and parentheses are read too", "[rails]") {
  const RubySyntaxTree tree("validates_uniqueness_of(:email, :uniqueness => {\"case_sensitive\" => false})");
  const RubyArguments arguments = arguments_of(tree);

  CHECK(arguments.positional[0].name() == "email");
  const RubyValue* sensitive = arguments.options.find("uniqueness")->find("case_sensitive");
  REQUIRE(sensitive != nullptr);
  CHECK(sensitive->is_false());
}

TEST_CASE("Ruby string escapes are decoded as Ruby reads them", "[rails]") {
  const auto [literal, value] = GENERATE(table<std::string, std::string>({
      {R"("inv\"ites")", "inv\"ites"},
      {R"('it\'s \\ \n')", "it's \\ \\n"},
      {R"("tab\there")", "tab\there"},
      {R"("caf\u00e9")", "caf\xc3\xa9"},
      {R"("\x41\101")", "AA"},
      {R"(%q(single's))", "single's"},
      {R"(:"quoted symbol")", "quoted symbol"},
  }));
  CAPTURE(literal);
  const RubySyntaxTree tree("x " + literal);
  const RubyArguments arguments = arguments_of(tree);

  REQUIRE(arguments.positional.size() == 1);
  CHECK(arguments.positional[0].text == value);
  CHECK_FALSE(arguments.positional[0].interpolated);
}

TEST_CASE("An interpolated string keeps its code and is no name", "[rails]") {
  const RubySyntaxTree tree(R"(x "#{table_name_prefix}users")");
  const RubyValue value = arguments_of(tree).positional.at(0);

  CHECK(value.interpolated);
  CHECK(value.name().empty());
  const auto parts = text_parts(value.node);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].code);
  CHECK(parts[0].text == "table_name_prefix");
  CHECK(parts[1].text == "users");
}

TEST_CASE("Lambdas, procs and other expressions are kept as their source on one line", "[rails]") {
  const RubySyntaxTree tree("x if: Feature.enabled?(:x), c: -> {\n  where(a: nil)\n}, p: Proc.new { |u| u.x }");
  const RubyArguments arguments = arguments_of(tree);

  CHECK(arguments.options.find("if")->kind == RubyValue::Kind::other);
  CHECK(one_line_source(arguments.options.find("if")->node) == "Feature.enabled?(:x)");
  CHECK(arguments.options.find("c")->kind == RubyValue::Kind::lambda);
  CHECK(one_line_source(arguments.options.find("c")->node) == "-> { where(a: nil) }");
  CHECK(one_line_source(arguments.options.find("p")->node) == "Proc.new { |u| u.x }");
}

}  // namespace plumb
