// RubyValue: a literal that a model's `validates`, `belongs_to` or `devise`
// call passes (symbols, strings, numbers, arrays, hashes, lambdas), read from
// the syntax tree with Ruby's escapes decoded. Anything else is kept as its
// source text, kind `other`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rails/ruby_syntax_tree.hpp"

namespace plumb {

struct RubyValue {
  enum class Kind { symbol, string, number, boolean, nil, array, hash, lambda, other };
  Kind kind = Kind::nil;
  // A symbol's or string's decoded content, a number, "true"/"false"; empty
  // for a lambda or other value (one_line_source(node) gives its source).
  std::string text;
  bool interpolated = false;  // a string or symbol with #{...}: text is not its value
  std::vector<RubyValue> items;                          // array elements
  std::vector<std::pair<std::string, RubyValue>> pairs;  // hash entries; symbol and string keys by name
  RubyNode node;  // where it was read (a lambda's body is read from it); valid while the tree lives

  // The value for `key` in a hash, or nullptr.
  const RubyValue* find(const std::string& key) const;
  // A literal symbol or string's content, or "" for any other kind.
  std::string name() const;
  bool is_true() const { return kind == Kind::boolean && text == "true"; }
  bool is_false() const { return kind == Kind::boolean && text == "false"; }
};

// A method call's arguments: the positional ones, then the keyword arguments
// (`a: 1`, `:a => 1`, or a trailing hash literal) gathered in one hash, as Ruby
// passes them.
struct RubyArguments {
  std::vector<RubyValue> positional;
  RubyValue options;  // kind hash, maybe empty
};

// The value of an expression node.
RubyValue ruby_value(RubyNode node);

// The arguments of a `call` node (empty when it has none).
RubyArguments ruby_arguments(RubyNode call);

// A piece of a string literal: decoded text, or the source of a #{...} in it.
struct RubyTextPart {
  bool code = false;
  std::string text;
};

// A string or symbol node's pieces, escapes decoded, in order.
std::vector<RubyTextPart> text_parts(RubyNode node);

// The decoded text of a string, symbol or hash-key node; sets `interpolated`
// when a #{...} part was met (its source is kept in place).
std::string literal_text(RubyNode node, bool& interpolated);

// A node's source on one line (runs of whitespace, newlines included, become
// one space), for messages and `conditional:`.
std::string one_line_source(RubyNode node);

}  // namespace plumb
