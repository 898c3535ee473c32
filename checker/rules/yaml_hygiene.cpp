#include "rules/yaml_hygiene.hpp"

#include <cctype>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "util/text.hpp"

namespace plumb {
namespace {

// The containers already walked, by their place in the file: an alias is the
// node of its anchor, so a document of nested aliases ("billion laughs") is
// walked once per node written, not once per expansion.
using Walked = std::set<std::pair<int, int>>;

bool first_walk(const YAML::Node& node, Walked& walked) {
  return walked.emplace(node.Mark().line, node.Mark().column).second;
}

YamlProblem problem_at(const YAML::Mark& mark, const std::string& message) {
  return {mark.line + 1, mark.column + 1, message};
}

// Keys whose values are free text, where a line break belongs.
bool free_text_key(const std::string& key) { return key == "description" || key == "query" || key == "where"; }

// The first character of `text` that may not be there, or npos.
size_t first_control(const std::string& text, bool free_text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t') continue;
    if (free_text && (c == '\n' || c == '\r')) continue;
    if (c < 0x20 || (!free_text && c == 0x7f)) return i;
  }
  return std::string::npos;
}

std::string control_message(const std::string& text, size_t at, const std::string& what) {
  char code[8];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(static_cast<unsigned char>(text[at])));
  return "control character " + std::string(code) + " in " + what + " (only tab is allowed there)";
}

std::optional<YamlProblem> control_in(const YAML::Node& node, const std::string& key, Walked& walked) {
  if (node.IsScalar()) {
    const bool free_text = free_text_key(key);
    const size_t at = first_control(node.Scalar(), free_text);
    if (at != std::string::npos) return problem_at(node.Mark(), control_message(node.Scalar(), at, key.empty() ? "a value" : "'" + key + "'"));
    return std::nullopt;
  }
  if (!first_walk(node, walked)) return std::nullopt;
  if (node.IsSequence())
    for (const auto& item : node)
      if (auto found = control_in(item, key, walked)) return found;
  if (!node.IsMap()) return std::nullopt;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    const size_t at = first_control(entry.first.Scalar(), false);
    if (at != std::string::npos) return problem_at(entry.first.Mark(), control_message(entry.first.Scalar(), at, "a key"));
    if (auto found = control_in(entry.second, entry.first.Scalar(), walked)) return found;
  }
  return std::nullopt;
}

// The column of a line's content, past indentation and "- " indicators:
// where the key that owns a value on this line stands.
size_t owner_column(const std::string& line) {
  size_t at = 0;
  while (at < line.size()) {
    if (line[at] == ' ') ++at;
    else if (line[at] == '-' && (at + 1 == line.size() || line[at + 1] == ' ')) ++at;
    else break;
  }
  return at;
}

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

size_t indentation(const std::string& line) { return line.find_first_not_of(' '); }

// A quote opens a scalar where a value or key can begin: at the start of
// the content, or after `:`, `-`, `[`, `{`, `,` or `?` and blanks.
bool opens_scalar(const std::string& line, size_t at) {
  size_t before = at;
  while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) --before;
  if (before == 0) return true;
  const char c = line[before - 1];
  return c == ':' || c == '-' || c == '[' || c == '{' || c == ',' || c == '?';
}

// Where in `line`, from `from`, the string quoted by `quote` closes (the
// index past its closing quote), or npos when it runs on.
size_t closing(const std::string& line, size_t from, char quote) {
  for (size_t i = from; i < line.size(); ++i) {
    if (quote == '"' && line[i] == '\\') { ++i; continue; }
    if (line[i] != quote) continue;
    if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') { ++i; continue; }
    return i + 1;
  }
  return std::string::npos;
}

// True when `line` ends by starting a block scalar (`key: |`, `- >-`).
bool starts_block_scalar(const std::string& line, size_t from) {
  std::string rest = trim(line.substr(from));
  const auto comment = rest.find(" #");
  if (comment != std::string::npos) rest = trim(rest.substr(0, comment));
  if (rest.empty()) return false;
  size_t at = rest.size();
  while (at > 0 && (rest[at - 1] == '-' || rest[at - 1] == '+' || std::isdigit(static_cast<unsigned char>(rest[at - 1])))) --at;
  if (at == 0 || (rest[at - 1] != '|' && rest[at - 1] != '>')) return false;
  return at == 1 || rest[at - 2] == ' ' || rest[at - 2] == ':';
}

struct OpenQuote {
  char quote = 0;
  int line = 0;          // 1-based
  size_t column = 0;     // 0-based
  size_t owner = 0;      // the owning key's column
};

}  // namespace

namespace {

std::optional<YamlProblem> duplicate_in(const YAML::Node& document, const std::string& file, Walked& walked) {
  if (!document.IsSequence() && !document.IsMap()) return std::nullopt;
  if (!first_walk(document, walked)) return std::nullopt;
  if (document.IsSequence())
    for (const auto& item : document)
      if (auto found = duplicate_in(item, file, walked)) return found;
  if (!document.IsMap()) return std::nullopt;
  std::vector<YAML::Node> keys;
  for (const auto& entry : document) {
    if (entry.first.IsScalar())
      for (const auto& seen : keys)
        if (seen.Scalar() == entry.first.Scalar())
          return problem_at(entry.first.Mark(), "duplicate key '" + entry.first.Scalar() + "' (first given at " + file +
                                                    ":" + std::to_string(seen.Mark().line + 1) + ":" +
                                                    std::to_string(seen.Mark().column + 1) + ")");
    keys.push_back(entry.first);
    if (auto found = duplicate_in(entry.second, file, walked)) return found;
  }
  return std::nullopt;
}

}  // namespace

std::optional<YamlProblem> duplicate_key(const YAML::Node& document, const std::string& file) {
  Walked walked;
  return duplicate_in(document, file, walked);
}

std::optional<YamlProblem> control_character(const YAML::Node& document) {
  Walked walked;
  return control_in(document, "", walked);
}

std::optional<YamlProblem> unclosed_quote(const std::string& text) {
  const std::vector<std::string> lines = split(text, '\n');
  OpenQuote open;
  std::optional<size_t> block_owner;  // set while inside a block scalar
  for (size_t number = 0; number < lines.size(); ++number) {
    const std::string& line = lines[number];
    size_t at = 0;
    if (block_owner) {
      if (blank(line) || indentation(line) > *block_owner) continue;
      block_owner.reset();
    }
    if (open.quote) {
      if (!blank(line) && indentation(line) <= open.owner) break;  // the next key: the quote never closed
      at = closing(line, 0, open.quote);
      if (at == std::string::npos) continue;
      open.quote = 0;
    }
    for (; at < line.size(); ++at) {
      if (line[at] == '#' && (at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t')) break;
      if ((line[at] != '"' && line[at] != '\'') || !opens_scalar(line, at)) continue;
      const size_t end = closing(line, at + 1, line[at]);
      if (end == std::string::npos) {
        open = {line[at], static_cast<int>(number + 1), at, owner_column(line)};
        break;
      }
      at = end - 1;
    }
    if (!open.quote && starts_block_scalar(line, 0)) block_owner = owner_column(line);
  }
  if (!open.quote) return std::nullopt;
  return YamlProblem{open.line, static_cast<int>(open.column + 1),
                     std::string("unclosed quote: the string that opens here with ") + open.quote +
                         " is never closed on its line or on lines indented below it"};
}

}  // namespace plumb
