#include "rails/models_yaml_writer.hpp"

#include <cctype>
#include <cstdio>

#include "util/text.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {
namespace {

// Words a YAML 1.1 reader would take for a boolean or null when plain.
bool reserved_word(const std::string& text) {
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
  // No word is longer than five letters: most names are ruled out before
  // they are lowered (in a short string, without an allocation).
  if (text.size() > 5) return false;
  const std::string lowered = ascii_lower(text);
  for (const char* word : k_words)
    if (lowered == word) return true;
  return false;
}

// A name written plain: letters, digits, underscores and dots (schema.table),
// starting with a letter or underscore. Anything else is double-quoted.
bool plain(const std::string& text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_') || reserved_word(text))
    return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  return true;
}

// A double-quoted YAML scalar that reads back as `text`, byte for byte for
// UTF-8 text: every character YAML gives a meaning inside double quotes is
// escaped, and so is every line break YAML knows (LF, CR, NEL, LS, PS), so
// nothing in `text` can end the scalar or start a new line of the file.
void append_double_quoted(const std::string& text, std::string& quoted) {
  quoted += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\t') {
      quoted += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char escape[5];
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      quoted += escape;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      quoted += "\\u0085";  // NEL (yaml-cpp reads \N as one Latin-1 byte)
      ++i;
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      quoted += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";  // line, paragraph separators
      i += 2;
    } else {
      quoted += static_cast<char>(c);
    }
  }
  quoted += '"';
}

void append_scalar(const std::string& text, std::string& out) {
  if (plain(text)) out += text;
  else append_double_quoted(text, out);
}

// `key: [a, b]` on its own line.
void append_flow_list(const char* key, const std::vector<std::string>& items, std::string& out) {
  out += key;
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    append_scalar(items[i], out);
  }
  out += "]\n";
}

void append_quoted_line(const char* key, const std::string& text, std::string& out) {
  out += key;
  append_double_quoted(text, out);
  out += '\n';
}

// Appended piece by piece: building each line as a temporary string was
// most of the writer's time on 2,000 models.
void write_rule(const UniquenessRule& rule, std::string& out) {
  append_flow_list("      - columns: ", rule.columns, out);
  out += rule.nulls == NullSemantics::distinct ? "        nulls: distinct\n" : "        nulls: not_distinct\n";
  if (!rule.skip_when_null.empty()) append_flow_list("        skip_when_null: ", rule.skip_when_null, out);
  if (!rule.skip_when_blank.empty()) append_flow_list("        skip_when_blank: ", rule.skip_when_blank, out);
  if (!rule.case_insensitive.empty()) append_flow_list("        case_insensitive: ", rule.case_insensitive, out);
  if (rule.condition) append_quoted_line("        where: ", *rule.condition, out);
  if (rule.conditional) append_quoted_line("        conditional: ", *rule.conditional, out);
  append_quoted_line("        origin: ", rule.origin, out);
}

}  // namespace

// Written by hand with the escaping above rather than by yaml-cpp's emitter:
// the emitter runs a regular expression over every scalar to decide whether
// it may be plain, which took a sixth of the import of 2,000 models.
std::string write_models_yaml(const std::vector<Model>& models) {
  std::string out =
      "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
      "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n";
  if (models.empty()) return out + "models: {}\n";
  out += "models:\n";
  for (const auto& model : models) {
    out += "  ";
    append_scalar(model.name, out);
    out += ":\n    table: ";
    append_scalar(QualifiedName{model.schema == "public" ? std::nullopt : std::optional<std::string>(model.schema), model.table}.to_string(), out);
    out += "\n    unique:\n";
    for (const auto& rule : model.unique) write_rule(rule, out);
  }
  return out;
}

}  // namespace plumb
