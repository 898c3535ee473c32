#include "rails/ruby_value.hpp"

#include <cctype>
#include <cstdint>

namespace plumb {
namespace {

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::uint32_t number_in(std::string_view digits, int base) {
  std::uint32_t value = 0;
  for (char c : digits) {
    const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit);
  }
  return value;
}

// One escape_sequence token of a double-quoted string, as Ruby reads it.
void decode_escape(std::string_view escape, std::string& out) {
  if (escape.size() < 2) return;
  const char kind = escape[1];
  const std::string_view rest = escape.substr(2);
  switch (kind) {
    case 'n': out += '\n'; return;
    case 't': out += '\t'; return;
    case 's': out += ' '; return;
    case 'r': out += '\r'; return;
    case 'a': out += '\a'; return;
    case 'b': out += '\b'; return;
    case 'e': out += '\x1b'; return;
    case 'f': out += '\f'; return;
    case 'v': out += '\v'; return;
    case '\n': return;  // a line continuation
    case 'x': append_utf8(out, number_in(rest, 16)); return;
    case 'u': {
      // \uXXXX, or \u{X Y ...} for several code points.
      if (!rest.empty() && rest.front() == '{') {
        std::string_view codes = rest.substr(1, rest.size() - 2);
        while (!codes.empty()) {
          const std::size_t space = codes.find(' ');
          const std::string_view code = codes.substr(0, space);
          if (!code.empty()) append_utf8(out, number_in(code, 16));
          codes = space == std::string_view::npos ? std::string_view() : codes.substr(space + 1);
        }
      } else {
        append_utf8(out, number_in(rest, 16));
      }
      return;
    }
    default:
      if (kind >= '0' && kind <= '7') append_utf8(out, number_in(escape.substr(1), 8));
      else out.append(escape.substr(1));  // \\ \" \' \# and any other character stand for themselves
  }
}

// A single-quoted string's content: only \\ and \<delimiter> are escapes.
void decode_single_quoted(std::string_view content, std::string& out) {
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\\' && i + 1 < content.size() &&
        (content[i + 1] == '\\' || std::ispunct(static_cast<unsigned char>(content[i + 1]))))
      ++i;
    out += content[i];
  }
}

bool single_quoted(RubyNode node) {
  const std::string_view open = node.any_child(0).text();
  return open == "'" || open == ":'" || open.rfind("%q", 0) == 0 || open.rfind("%w", 0) == 0 || open.rfind("%i", 0) == 0;
}

RubyValue array_of(RubyNode node) {
  RubyValue value{RubyValue::Kind::array, "", false, {}, {}, node};
  for (std::size_t i = 0; i < node.count(); ++i) {
    RubyNode item = node.child(i);
    RubyValue element = ruby_value(item);
    // %w[a b] holds bare_string, %i[a b] bare_symbol items.
    if (item.is("bare_string")) element.kind = RubyValue::Kind::string;
    if (item.is("bare_symbol")) element.kind = RubyValue::Kind::symbol;
    value.items.push_back(std::move(element));
  }
  return value;
}

void add_pair(RubyValue& hash, RubyNode pair) {
  RubyNode key = pair.field("key");
  bool interpolated = false;
  std::string name = literal_text(key, interpolated);
  if (key.is("simple_symbol") || key.is("hash_key_symbol") || key.is("string") || key.is("delimited_symbol"))
    hash.pairs.emplace_back(std::move(name), ruby_value(pair.field("value")));
  else
    hash.pairs.emplace_back(std::string(key.text()), ruby_value(pair.field("value")));
}

RubyValue hash_of(RubyNode node) {
  RubyValue value{RubyValue::Kind::hash, "", false, {}, {}, node};
  for (std::size_t i = 0; i < node.count(); ++i)
    if (node.child(i).is("pair")) add_pair(value, node.child(i));
  return value;
}

}  // namespace

const RubyValue* RubyValue::find(const std::string& key) const {
  for (const auto& [name, value] : pairs)
    if (name == key) return &value;
  return nullptr;
}

std::string RubyValue::name() const {
  return (kind == Kind::symbol || kind == Kind::string) && !interpolated ? text : "";
}

std::vector<RubyTextPart> text_parts(RubyNode node) {
  if (node.is("simple_symbol")) return {{false, std::string(node.text().substr(1))}};
  if (node.is("hash_key_symbol") || node.is("identifier") || node.is("constant") || node.is("string_content"))
    return {{false, std::string(node.text())}};
  std::vector<RubyTextPart> parts;
  const bool raw = single_quoted(node);
  for (std::size_t i = 0; i < node.count(); ++i) {
    RubyNode piece = node.child(i);
    if (piece.is("interpolation")) {
      parts.push_back({true, one_line_source(piece.child(0))});
      continue;
    }
    if (parts.empty() || parts.back().code) parts.push_back({false, ""});
    if (piece.is("string_content") && raw) decode_single_quoted(piece.text(), parts.back().text);
    else if (piece.is("string_content")) parts.back().text += piece.text();
    else if (piece.is("escape_sequence")) decode_escape(piece.text(), parts.back().text);
  }
  return parts;
}

std::string literal_text(RubyNode node, bool& interpolated) {
  std::string text;
  for (const auto& part : text_parts(node)) {
    if (part.code) {
      interpolated = true;
      text += "#{" + part.text + "}";
    } else {
      text += part.text;
    }
  }
  return text;
}

std::string one_line_source(RubyNode node) {
  std::string text;
  bool space = false;
  for (char c : node.text()) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += c;
  }
  return text;
}

RubyValue ruby_value(RubyNode node) {
  using Kind = RubyValue::Kind;
  RubyValue value{Kind::other, "", false, {}, {}, node};
  if (node.is("simple_symbol") || node.is("delimited_symbol") || node.is("hash_key_symbol") || node.is("bare_symbol")) {
    value.kind = Kind::symbol;
    value.text = literal_text(node, value.interpolated);
  } else if (node.is("string") || node.is("bare_string")) {
    value.kind = Kind::string;
    value.text = literal_text(node, value.interpolated);
  } else if (node.is("integer") || node.is("float")) {
    value.kind = Kind::number;
    value.text = std::string(node.text());
  } else if (node.is("true") || node.is("false")) {
    value.kind = Kind::boolean;
    value.text = std::string(node.text());
  } else if (node.is("nil")) {
    value.kind = Kind::nil;
  } else if (node.is("array") || node.is("string_array") || node.is("symbol_array")) {
    return array_of(node);
  } else if (node.is("hash")) {
    return hash_of(node);
  } else {
    // Its source is copied only when a message needs it (one_line_source).
    value.kind = node.is("lambda") ? Kind::lambda : Kind::other;
  }
  return value;
}

RubyArguments ruby_arguments(RubyNode call) {
  RubyArguments arguments;
  arguments.options = RubyValue{RubyValue::Kind::hash, "", false, {}, {}, call};
  RubyNode list = call.field("arguments");
  for (std::size_t i = 0; i < list.count(); ++i) {
    RubyNode argument = list.child(i);
    if (argument.is("pair")) {
      add_pair(arguments.options, argument);
    } else if (argument.is("hash") && i + 1 == list.count()) {
      for (auto& entry : ruby_value(argument).pairs) arguments.options.pairs.push_back(std::move(entry));
    } else if (!argument.is("comment")) {
      arguments.positional.push_back(ruby_value(argument));
    }
  }
  return arguments;
}

}  // namespace plumb
