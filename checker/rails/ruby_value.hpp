// RubyValue: the literal values a model's `validates` and `belongs_to` lines
// pass (symbols, strings, arrays, hashes, lambdas), read from Ruby source
// without Ruby. Anything else is kept as its text, kind `other`.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace plumb {

struct RubyValue {
  enum class Kind { symbol, string, number, boolean, nil, array, hash, lambda, other };
  Kind kind = Kind::nil;
  std::string text;  // a symbol's or string's content, a number, "true"/"false", a lambda's body, other's source
  std::vector<RubyValue> items;                           // array elements
  std::vector<std::pair<std::string, RubyValue>> pairs;   // hash entries; symbol and string keys by name

  // The value for `key` in a hash, or nullptr.
  const RubyValue* find(const std::string& key) const;
  // A symbol or string's name, or "" for any other kind.
  std::string name() const;
  bool is_true() const { return kind == Kind::boolean && text == "true"; }
};

// A method call's arguments: the positional ones, then the keyword
// arguments gathered in one hash (as Ruby passes them).
struct RubyArguments {
  std::vector<RubyValue> positional;
  RubyValue options;  // kind hash, maybe empty
};

class RubySyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses `text`, the arguments of a call without its method name, with or
// without surrounding parentheses. Throws RubySyntaxError naming what it
// could not read.
RubyArguments parse_ruby_arguments(const std::string& text);

}  // namespace plumb
