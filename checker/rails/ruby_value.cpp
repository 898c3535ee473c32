#include "rails/ruby_value.hpp"

#include <cctype>
#include <optional>

#include "util/text.hpp"

namespace plumb {

const RubyValue* RubyValue::find(const std::string& key) const {
  for (const auto& [name, value] : pairs)
    if (name == key) return &value;
  return nullptr;
}

std::string RubyValue::name() const { return kind == Kind::symbol || kind == Kind::string ? text : ""; }

namespace {

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

char closing_of(char open) {
  switch (open) {
    case '[': return ']';
    case '(': return ')';
    case '{': return '}';
    case '<': return '>';
    default: return open;
  }
}

// A recursive-descent reader of the Ruby literals that appear in model
// declarations. It reads only what plumb translates; any other expression is
// kept as text (`other`) by skipping over balanced brackets and strings.
class Parser {
 public:
  explicit Parser(const std::string& text) : m_text(text) {}

  RubyArguments arguments() {
    skip_space();
    const bool parenthesized = peek() == '(';
    if (parenthesized) ++m_pos;
    RubyArguments result;
    result.options.kind = RubyValue::Kind::hash;
    skip_space();
    while (!at_end() && !(parenthesized && peek() == ')')) {
      element(result.positional, result.options);
      skip_space();
      if (peek() != ',') break;
      ++m_pos;
      skip_space();
    }
    if (parenthesized) expect(')');
    skip_space();
    if (!at_end()) fail("unexpected '" + m_text.substr(m_pos, 20) + "'");
    return result;
  }

 private:
  // One argument or one `key: value` pair (`key => value` too).
  void element(std::vector<RubyValue>& positional, RubyValue& options) {
    if (const auto key = label()) {
      skip_space();
      options.pairs.emplace_back(*key, value());
      return;
    }
    RubyValue first = value();
    skip_space();
    if (m_text.compare(m_pos, 2, "=>") == 0) {
      m_pos += 2;
      skip_space();
      options.pairs.emplace_back(first.name().empty() ? first.text : first.name(), value());
      return;
    }
    positional.push_back(std::move(first));
  }

  // `name:` or `"name":` (not `name::`), consumed when present.
  std::optional<std::string> label() {
    const std::size_t start = m_pos;
    std::string name;
    if (is_identifier_start(peek())) {
      while (is_identifier_char(peek())) name += m_text[m_pos++];
      if (peek() == '?' || peek() == '!') name += m_text[m_pos++];
    } else if (peek() == '"' || peek() == '\'') {
      name = quoted();
    }
    if (!name.empty() && peek() == ':' && peek(1) != ':') {
      ++m_pos;
      return name;
    }
    m_pos = start;
    return std::nullopt;
  }

  RubyValue value() {
    skip_space();
    const char c = peek();
    if (c == ':' && (is_identifier_start(peek(1)) || peek(1) == '"')) return symbol();
    if (c == '"' || c == '\'') return make(RubyValue::Kind::string, quoted());
    if (c == '%' && std::string("iwIW").find(peek(1)) != std::string::npos && peek(1) != '\0') return percent_array();
    if (c == '[') return array();
    if (c == '{') return hash();
    if (c == '-' && peek(1) == '>') return lambda();
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '-' && std::isdigit(static_cast<unsigned char>(peek(1)))))
      return number();
    if (is_identifier_start(c)) return identifier_expression();
    fail(at_end() ? "unexpected end of the line" : std::string("unexpected '") + c + "'");
  }

  RubyValue symbol() {
    ++m_pos;
    if (peek() == '"') return make(RubyValue::Kind::symbol, quoted());
    std::string name;
    while (is_identifier_char(peek()) || peek() == '?' || peek() == '!' || peek() == '=') name += m_text[m_pos++];
    return make(RubyValue::Kind::symbol, name);
  }

  // A quoted string's content, escapes resolved. Interpolation is kept as
  // written: plumb cannot know its value.
  std::string quoted() {
    const char quote = m_text[m_pos++];
    std::string content;
    while (!at_end() && peek() != quote) {
      if (peek() == '\\' && m_pos + 1 < m_text.size()) ++m_pos;
      content += m_text[m_pos++];
    }
    expect(quote);
    return content;
  }

  RubyValue percent_array() {
    const auto kind = std::tolower(static_cast<unsigned char>(peek(1))) == 'i' ? RubyValue::Kind::symbol
                                                                              : RubyValue::Kind::string;
    m_pos += 2;
    const char close = closing_of(peek());
    ++m_pos;
    RubyValue array = make(RubyValue::Kind::array, "");
    std::string word;
    for (; !at_end() && peek() != close; ++m_pos) {
      if (std::isspace(static_cast<unsigned char>(peek()))) {
        if (!word.empty()) array.items.push_back(make(kind, word));
        word.clear();
      } else {
        word += peek();
      }
    }
    if (!word.empty()) array.items.push_back(make(kind, word));
    expect(close);
    return array;
  }

  RubyValue array() {
    ++m_pos;
    RubyValue array = make(RubyValue::Kind::array, "");
    for (skip_space(); peek() != ']'; skip_space()) {
      array.items.push_back(value());
      skip_space();
      if (peek() == ',') ++m_pos;
      else if (peek() != ']') fail("expected ',' or ']' in an array");
    }
    ++m_pos;
    return array;
  }

  RubyValue hash() {
    ++m_pos;
    RubyValue hash = make(RubyValue::Kind::hash, "");
    std::vector<RubyValue> positional;
    for (skip_space(); peek() != '}'; skip_space()) {
      element(positional, hash);
      if (!positional.empty()) fail("expected 'key: value' in a hash");
      skip_space();
      if (peek() == ',') ++m_pos;
      else if (peek() != '}') fail("expected ',' or '}' in a hash");
    }
    ++m_pos;
    return hash;
  }

  // `-> { body }`, `->(record) { body }`, `-> do body end`: the body as text.
  RubyValue lambda() {
    m_pos += 2;
    skip_space();
    if (peek() == '(') skip_balanced();
    skip_space();
    return make(RubyValue::Kind::lambda, block_body());
  }

  std::string block_body() {
    if (peek() == '{') {
      const std::size_t start = m_pos;
      skip_balanced();
      return trim(m_text.substr(start + 1, m_pos - start - 2));
    }
    if (m_text.compare(m_pos, 2, "do") == 0) {
      const auto end = m_text.rfind("end");
      if (end == std::string::npos || end < m_pos) fail("a 'do' block without 'end'");
      const std::string body = trim(m_text.substr(m_pos + 2, end - m_pos - 2));
      m_pos = end + 3;
      return body;
    }
    fail("expected a block after '->'");
  }

  RubyValue number() {
    std::string digits;
    if (peek() == '-') digits += m_text[m_pos++];
    while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == '_')
      if (m_text[m_pos++] != '_') digits += m_text[m_pos - 1];
    return make(RubyValue::Kind::number, digits);
  }

  // true, false, nil, `lambda { }`/`proc { }`, or any other expression kept
  // as text: a name chain with calls, e.g. `Time.current` or `Status::OPEN`.
  RubyValue identifier_expression() {
    const std::size_t start = m_pos;
    std::string name;
    while (is_identifier_char(peek())) name += m_text[m_pos++];
    if (name == "true" || name == "false") return make(RubyValue::Kind::boolean, name);
    if (name == "nil") return make(RubyValue::Kind::nil, name);
    skip_space();
    if ((name == "lambda" || name == "proc") && (peek() == '{' || m_text.compare(m_pos, 2, "do") == 0))
      return make(RubyValue::Kind::lambda, block_body());
    m_pos = start + name.size();
    while (!at_end()) {
      if (is_identifier_char(peek()) || peek() == '.' || peek() == ':' || peek() == '?' || peek() == '!') ++m_pos;
      else if (peek() == '(' || peek() == '[') skip_balanced();
      else break;
    }
    return make(RubyValue::Kind::other, m_text.substr(start, m_pos - start));
  }

  // Moves past a bracketed group, strings inside included.
  void skip_balanced() {
    const char open = peek();
    const char close = closing_of(open);
    int depth = 0;
    while (!at_end()) {
      const char c = peek();
      if (c == '"' || c == '\'') {
        quoted();
        continue;
      }
      ++m_pos;
      if (c == open) ++depth;
      else if (c == close && --depth == 0) return;
    }
    fail(std::string("'") + open + "' is never closed");
  }

  static RubyValue make(RubyValue::Kind kind, std::string text) {
    RubyValue value;
    value.kind = kind;
    value.text = std::move(text);
    return value;
  }

  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(peek()))) ++m_pos;
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++m_pos;
  }
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  bool at_end() const { return m_pos >= m_text.size(); }
  [[noreturn]] void fail(const std::string& what) const { throw RubySyntaxError(what); }

  const std::string& m_text;
  std::size_t m_pos = 0;
};

}  // namespace

RubyArguments parse_ruby_arguments(const std::string& text) { return Parser(text).arguments(); }

}  // namespace plumb
