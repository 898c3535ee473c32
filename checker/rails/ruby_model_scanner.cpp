#include "rails/ruby_model_scanner.hpp"

#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

#include "util/text.hpp"

namespace plumb {
namespace {

// One Ruby statement with comments removed and continuation lines joined.
struct Statement {
  std::string text;
  int line = 0;  // where it starts
};

// Tracks strings and bracket depth across the characters of physical lines,
// so that comments, `;` and line ends are only seen outside strings.
class LineReader {
 public:
  // `line` without its comment; updates the bracket depth; notes a heredoc
  // that starts on it.
  std::string strip_comment(const std::string& line) {
    std::string code;
    char quote = '\0';
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quote != '\0') {
        if (c == '\\' && i + 1 < line.size()) code += line[i++];
        else if (c == quote) quote = '\0';
      } else if (c == '#') {
        break;
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        ++m_depth;
      } else if (c == ')' || c == ']' || c == '}') {
        --m_depth;
      }
      code += c;
    }
    note_heredoc(code);
    return code;
  }

  int depth() const { return m_depth; }
  void reset_depth() { m_depth = 0; }
  // The terminator of a heredoc begun on the last line, or "".
  std::string take_heredoc() { return std::exchange(m_heredoc, ""); }

 private:
  void note_heredoc(const std::string& code) {
    static const std::regex heredoc("<<[~-]?(['\"]?)([A-Z_][A-Z0-9_]*)\\1");
    std::smatch match;
    if (code.find("<<") != std::string::npos && std::regex_search(code, match, heredoc)) m_heredoc = match[2];
  }

  int m_depth = 0;
  std::string m_heredoc;
};

// A statement goes on to the next line after an open bracket, a trailing
// comma or operator, or a backslash.
bool continues(const std::string& code, int depth) {
  if (depth > 0) return true;
  const std::string trimmed = trim(code);
  if (trimmed.empty()) return false;
  const char last = trimmed.back();
  return last == ',' || last == '\\' || ends_with(trimmed, "||") || ends_with(trimmed, "&&") ||
         ends_with(trimmed, "=>") || ends_with(trimmed, " =");
}

std::size_t indentation(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  return first == std::string::npos ? line.size() : first;
}

// An open bracket normally closes on a deeper line, or on a line of the
// opener's indentation that starts with the closing bracket. A line of that
// indentation that starts with a name is the next statement: the previous
// one was broken, and is reported alone instead of swallowing the file.
bool starts_new_statement(const std::string& line, std::size_t pending_indent) {
  const std::size_t indent = indentation(line);
  return indent < line.size() && indent <= pending_indent &&
         (std::isalpha(static_cast<unsigned char>(line[indent])) || line[indent] == '_');
}

// `text` cut at each `;` that is outside strings and brackets.
std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> parts(1);
  char quote = '\0';
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != '\0') {
      if (c == '\\' && i + 1 < text.size()) parts.back() += text[i++];
      else if (c == quote) quote = '\0';
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ';' && depth == 0) {
      parts.emplace_back();
      continue;
    }
    parts.back() += c;
  }
  return parts;
}

std::vector<Statement> read_statements(const std::string& source, const std::string& file,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Statement> statements;
  std::istringstream lines(source);
  std::string line, pending, heredoc_end;
  int number = 0, pending_line = 0;
  std::size_t pending_indent = 0;
  bool in_block_comment = false;
  LineReader reader;
  while (std::getline(lines, line)) {
    ++number;
    if (!heredoc_end.empty()) {
      if (trim(line) == heredoc_end) heredoc_end.clear();
      continue;
    }
    if (in_block_comment || starts_with(line, "=begin")) {
      in_block_comment = !starts_with(line, "=end");
      continue;
    }
    if (!pending.empty() && reader.depth() > 0 && starts_new_statement(line, pending_indent)) {
      diagnostics.push_back({file, pending_line, "unbalanced brackets; this statement is skipped"});
      pending.clear();
      reader.reset_depth();
    }
    std::string code = reader.strip_comment(line);
    heredoc_end = reader.take_heredoc();
    if (pending.empty()) {
      pending_line = number;
      pending_indent = indentation(line);
    }
    if (!code.empty() && trim(code).back() == '\\') code = trim(code).substr(0, trim(code).size() - 1);
    pending += (pending.empty() ? "" : " ") + trim(code);
    if (continues(code, reader.depth())) continue;
    if (reader.depth() < 0) {
      diagnostics.push_back({file, pending_line, "unbalanced brackets; this statement is skipped"});
      reader.reset_depth();
    } else {
      for (const auto& part : split_statements(pending))
        if (!trim(part).empty()) statements.push_back({trim(part), pending_line});
    }
    pending.clear();
  }
  if (!trim(pending).empty())
    diagnostics.push_back({file, pending_line, "statement never ends (unbalanced brackets?); skipped"});
  return statements;
}

// The leading name of a statement ("class" in "class Foo < Bar").
std::string first_word(const std::string& text) {
  std::size_t end = 0;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  return text.substr(0, end);
}

const std::set<std::string> k_openers = {"if", "unless", "while", "until", "case", "begin", "for", "class"};

bool might_open_do_block(const std::string& text) { return ends_with(text, "do") || ends_with(text, "|"); }

// What an open block is, so that declarations are only read at class level.
struct Block {
  enum class Kind { module, klass, def, other };
  Block(Kind kind, std::size_t index = 0, std::string name = "", std::string defines = "")
      : kind(kind), index(index), name(std::move(name)), defines(std::move(defines)) {}

  Kind kind;
  std::size_t index;    // into classes or namespaces
  std::string name;     // module or class name as written
  std::string defines;  // a def: "table_name_prefix" or "table_name_suffix", else ""
};

class Scanner {
 public:
  Scanner(const std::string& file) : m_file(file) {}

  RubyModelFile scan(const std::string& source) {
    for (const auto& statement : read_statements(source, m_file, m_result.diagnostics)) {
      m_last_line = statement.line;
      try {
        read(statement);
      } catch (const RubySyntaxError& error) {
        problem(statement.line, std::string("cannot read this statement (") + error.what() + "); skipped");
      }
    }
    if (!m_blocks.empty()) problem(m_last_line, "missing 'end' at the end of the file");
    return std::move(m_result);
  }

 private:
  void read(const Statement& statement) {
    static const std::regex module_line("^module\\s+([A-Z][\\w:]*)\\s*$");
    static const std::regex class_line("^class\\s+((?:::)?[A-Z][\\w:]*)\\s*(?:<\\s*((?:::)?[A-Z][\\w:]*))?.*$");
    static const std::regex def_line("^def\\s+(self\\.)?([\\w?!]+=?)(\\([^)]*\\))?\\s*(.*)$");
    static const std::regex opener("^(if|unless|while|until|case|begin|for|class\\s*<<)\\b.*");
    static const std::regex do_block(".*\\bdo(\\s*\\|[^|]*\\|)?$");
    const std::string& text = statement.text;
    const std::string word = first_word(text);
    std::smatch match;
    if (text == "end" || starts_with(text, "end.") || starts_with(text, "end ") || starts_with(text, "end)")) {
      close(statement.line);
    } else if (word == "module" && std::regex_match(text, match, module_line)) {
      open_module(match[1]);
    } else if (k_openers.count(word) != 0 && std::regex_match(text, opener)) {
      m_blocks.push_back({Block::Kind::other});
    } else if (word == "class" && std::regex_match(text, match, class_line)) {
      open_class(match[1], match[2], statement.line);
    } else if (word == "def" && std::regex_match(text, match, def_line)) {
      read_def(match, statement.line);
    } else if (might_open_do_block(text) && std::regex_match(text, do_block)) {
      warn_if_validation_in_block(statement);
      m_blocks.push_back({Block::Kind::other});
    } else if (!m_blocks.empty() && !m_blocks.back().defines.empty()) {
      set_naming(m_blocks.size() - 2, m_blocks.back().defines, literal(text, statement.line));
    } else {
      read_declaration(statement);
    }
  }

  void open_module(const std::string& name) {
    m_result.namespaces.push_back({qualified(name), std::nullopt, std::nullopt});
    m_blocks.push_back({Block::Kind::module, m_result.namespaces.size() - 1, name});
  }

  void open_class(const std::string& name, const std::string& parent, int line) {
    RubyClass klass;
    klass.name = qualified(name);
    for (const auto& block : m_blocks)
      if (block.kind == Block::Kind::module || block.kind == Block::Kind::klass)
        klass.enclosing.push_back(block.name);
    klass.parent = parent;
    klass.file = m_file;
    klass.line = line;
    m_result.classes.push_back(klass);
    m_blocks.push_back({Block::Kind::klass, m_result.classes.size() - 1, name});
  }

  // `def self.table_name_prefix` sets the prefix with its body's string;
  // any other def is a block to skip, unless it is endless (`def x = ...`).
  void read_def(const std::smatch& match, int line) {
    const std::string name = match[2];
    const std::string rest = match[4];
    const bool naming = match[1].matched && (name == "table_name_prefix" || name == "table_name_suffix");
    if (starts_with(rest, "=") && !starts_with(rest, "==")) {
      if (naming) set_naming(m_blocks.size() - 1, name, literal(rest.substr(1), line));
      return;
    }
    m_blocks.push_back({Block::Kind::def, 0, name, naming ? name : ""});
  }

  void close(int line) {
    if (m_blocks.empty()) {
      problem(line, "'end' without a block to close; ignored");
      return;
    }
    m_blocks.pop_back();
  }

  // The name with the modules and classes it is declared in.
  std::string qualified(const std::string& name) const {
    if (starts_with(name, "::")) return name.substr(2);
    std::string result;
    for (const auto& block : m_blocks)
      if (block.kind == Block::Kind::module || block.kind == Block::Kind::klass)
        result += block.name + "::";
    return result + name;
  }

  // Declarations count only directly in a class body.
  void read_declaration(const Statement& statement) {

    static const std::regex assignment("^self\\.(table_name|table_name_prefix|table_name_suffix|abstract_class|"
                                       "inheritance_column)\\s*=\\s*(.+)$");
    std::smatch match;
    const std::string& text = statement.text;
    if (starts_with(text, "self.") && std::regex_match(text, match, assignment)) {
      if (!m_blocks.empty()) set_naming(m_blocks.size() - 1, match[1], literal(match[2], statement.line));
      return;
    }
    const std::string method = first_word(text);
    if (method != "validates" && method != "validates_uniqueness_of" && method != "belongs_to") return;
    RubyClass* klass = current_class();
    if (klass == nullptr) {
      if (method != "belongs_to" && text.find("uniqueness") != std::string::npos)
        problem(statement.line, "uniqueness validation outside a class body (in a block, method or module plumb does not follow); skipped");
      return;
    }
    const RubyArguments arguments = parse_ruby_arguments(text.substr(method.size()));
    if (method == "belongs_to") read_belongs_to(*klass, arguments, statement.line);
    else read_validation(*klass, method == "validates_uniqueness_of", arguments, statement.line);
  }

  void read_belongs_to(RubyClass& klass, const RubyArguments& arguments, int line) {
    if (arguments.positional.empty() || arguments.positional[0].name().empty()) {
      problem(line, "belongs_to without an association name; skipped");
      return;
    }
    RubyAssociation association;
    association.name = arguments.positional[0].name();
    const RubyValue* polymorphic = arguments.options.find("polymorphic");
    association.polymorphic = polymorphic != nullptr && polymorphic->is_true();
    const RubyValue* foreign_key = arguments.options.find("foreign_key");
    association.foreign_key = foreign_key != nullptr ? foreign_key->name() : association.name + "_id";
    const RubyValue* foreign_type = arguments.options.find("foreign_type");
    if (association.polymorphic)
      association.foreign_type = foreign_type != nullptr ? foreign_type->name() : association.name + "_type";
    klass.associations.push_back(association);
  }

  void read_validation(RubyClass& klass, bool uniqueness_of, const RubyArguments& arguments, int line) {
    RubyUniquenessValidation validation;
    validation.line = line;
    for (const auto& attribute : arguments.positional) {
      if (attribute.name().empty()) {
        problem(line, "validated attribute '" + attribute.text + "' is not a symbol; skipped");
        return;
      }
      validation.attributes.push_back(attribute.name());
    }
    if (uniqueness_of) {
      validation.options = arguments.options;
    } else if (!uniqueness_options(arguments.options, validation.options)) {
      return;
    }
    klass.validations.push_back(validation);
  }

  // The options of a `validates` line's uniqueness validator: its own hash,
  // plus the line's options that apply to every validator. False when the
  // line validates no uniqueness.
  static bool uniqueness_options(const RubyValue& line_options, RubyValue& options) {
    static const char* const k_shared[] = {"allow_nil", "allow_blank", "if", "unless", "on", "strict"};
    const RubyValue* uniqueness = line_options.find("uniqueness");
    if (uniqueness == nullptr || uniqueness->kind == RubyValue::Kind::nil ||
        (uniqueness->kind == RubyValue::Kind::boolean && !uniqueness->is_true()))
      return false;
    options.kind = RubyValue::Kind::hash;
    if (uniqueness->kind == RubyValue::Kind::hash) options.pairs = uniqueness->pairs;
    for (const char* key : k_shared)
      if (options.find(key) == nullptr && line_options.find(key) != nullptr)
        options.pairs.emplace_back(key, *line_options.find(key));
    return true;
  }

  // Sets table_name, its prefix or suffix, abstract_class or
  // inheritance_column on the class or module of block `index`.
  void set_naming(std::size_t index, const std::string& what, const std::optional<std::string>& value) {
    if (index >= m_blocks.size() || !value) return;
    const Block& block = m_blocks[index];
    if (block.kind == Block::Kind::module) {
      auto& space = m_result.namespaces[block.index];
      (what == "table_name_prefix" ? space.table_name_prefix : space.table_name_suffix) = *value;
      return;
    }
    if (block.kind != Block::Kind::klass) return;
    RubyClass& klass = m_result.classes[block.index];
    if (what == "table_name") klass.table_name = *value;
    else if (what == "table_name_prefix") klass.table_name_prefix = *value;
    else if (what == "table_name_suffix") klass.table_name_suffix = *value;
    else if (what == "inheritance_column") klass.inheritance_column = *value;
    else if (what == "abstract_class") klass.abstract_class = *value == "true";
  }

  // A literal's value: a string or symbol's name, true/false; nullopt (with a
  // diagnostic) for anything computed.
  std::optional<std::string> literal(const std::string& text, int line) {
    const RubyArguments parsed = parse_ruby_arguments(text);
    if (parsed.positional.size() == 1) {
      const RubyValue& value = parsed.positional[0];
      if (value.kind == RubyValue::Kind::symbol || value.kind == RubyValue::Kind::string ||
          value.kind == RubyValue::Kind::boolean)
        return value.text;
    }
    problem(line, "'" + text + "' is not a literal plumb can read; ignored");
    return std::nullopt;
  }

  void warn_if_validation_in_block(const Statement& statement) {
    if (statement.text.find("uniqueness") != std::string::npos)
      problem(statement.line, "uniqueness validation in a block plumb does not follow; skipped");
  }

  RubyClass* current_class() {
    if (m_blocks.empty() || m_blocks.back().kind != Block::Kind::klass) return nullptr;
    return &m_result.classes[m_blocks.back().index];
  }

  void problem(int line, const std::string& message) { m_result.diagnostics.push_back({m_file, line, message}); }

  std::string m_file;
  RubyModelFile m_result;
  std::vector<Block> m_blocks;
  int m_last_line = 0;
};

}  // namespace

RubyModelFile scan_ruby_models(const std::string& source, const std::string& file) {
  return Scanner(file).scan(source);
}

}  // namespace plumb
