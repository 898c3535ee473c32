#include "rails/ruby_parse_arena.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <thread>

#include "rails/ruby_syntax_tree.hpp"

namespace plumb {
namespace {

// A model file of `count` validations, the last one naming `last`.
std::string model_source(int count, const std::string& last) {
  std::string source = "class Member < ApplicationRecord\n";
  for (int i = 1; i < count; ++i) source += "  validates :column" + std::to_string(i) + ", uniqueness: { scope: [:a, :b] }\n";
  return source + "  validates :" + last + ", uniqueness: true\nend\n";
}

// The text of the last statement of the first class's body.
std::string last_statement(const RubySyntaxTree& tree) {
  const RubyNode body = tree.root().child(0).field("body");
  return std::string(body.child(body.count() - 1).text());
}

}  // namespace

TEST_CASE("A file whose tree needs many arena blocks is read whole", "[rails]") {
  const RubySyntaxTree tree(model_source(20000, "email"));
  CHECK_FALSE(tree.root().has_error());
  CHECK(tree.root().child(0).field("body").count() == 20000);
  CHECK(last_statement(tree) == "validates :email, uniqueness: true");
}

TEST_CASE("Trees alive together keep their own nodes, whatever order they end in", "[rails]") {
  auto first = std::make_unique<RubySyntaxTree>(model_source(3, "first"));
  auto second = std::make_unique<RubySyntaxTree>(model_source(5000, "second"));
  first.reset();
  const RubySyntaxTree third(model_source(4, "third"));
  CHECK(last_statement(*second) == "validates :second, uniqueness: true");
  second.reset();
  CHECK(last_statement(third) == "validates :third, uniqueness: true");
}

TEST_CASE("Files parsed one after another on two threads each read right", "[rails]") {
  std::string seen[2];
  const auto parse_many = [&](int thread) {
    for (int file = 0; file < 50; ++file) {
      const std::string name = "t" + std::to_string(thread) + "_" + std::to_string(file);
      const RubySyntaxTree tree(model_source(1 + file * 7, name));
      if (last_statement(tree) != "validates :" + name + ", uniqueness: true") return;
      seen[thread] = name;
    }
  };
  std::thread other(parse_many, 1);
  parse_many(0);
  other.join();
  CHECK(seen[0] == "t0_49");
  CHECK(seen[1] == "t1_49");
}

}  // namespace plumb
