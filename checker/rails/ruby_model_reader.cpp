#include "rails/ruby_model_reader.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <iterator>
#include <utility>

#include "rails/active_record_conditions.hpp"
#include "rails/ruby_syntax_tree.hpp"
#include "rails/ruby_value.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// The options a uniqueness validation understands; any other key is a
// warning (Rails ignores it, so the rule may not be what its author meant).
const char* const k_known_options[] = {"scope",  "case_sensitive", "allow_nil", "allow_blank", "conditions",
                                       "if",     "unless",         "on",        "message",     "strict"};

bool contains_uniqueness(std::string_view text) {
  static const std::string_view word = "uniqueness";
  auto found = std::search(text.begin(), text.end(), word.begin(), word.end(),
                           [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return found != text.end();
}

// A validation's options by name, pointing into the values read from the
// call (and its with_options blocks): later entries win.
using OptionList = std::vector<std::pair<const std::string*, const RubyValue*>>;

void add_options(OptionList& list, const RubyValue& hash) {
  for (const auto& [key, value] : hash.pairs) list.emplace_back(&key, &value);
}

// The statements of a body: the named children of a body_statement or
// block_body, or of a block / do_block's body.
RubyNode statements_of(RubyNode node) {
  if (node.is("block") || node.is("do_block")) return node.field("body");
  return node;
}

// Where the reader is: the definition it fills, and the options of the
// with_options blocks around the statement (merged beneath the call's own).
struct Scope {
  RubyDefinition* definition = nullptr;  // nullptr at the top level
  std::vector<std::string> lexical;      // full names of the definitions around, outermost first
  RubyValue with_options{RubyValue::Kind::hash, "", false, {}, {}, {}};
  std::string block_parameter;  // with_options do |v|: `v.validates` means validates
};

class Reader {
 public:
  Reader(const std::string& source, std::string file) : m_tree(source), m_file(std::move(file)) {}

  RubyModelFile read() {
    const RubyNode root = m_tree.root();
    m_result.file = m_file;
    if (root.has_error()) m_result.syntax_error_line = first_error_line(root);
    read_body(root, Scope{});
    account_for_uniqueness();
    m_result.definitions.assign(std::make_move_iterator(m_definitions.begin()), std::make_move_iterator(m_definitions.end()));
    std::stable_sort(m_result.diagnostics.begin(), m_result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    return std::move(m_result);
  }

 private:
  static int first_error_line(RubyNode node) {
    if (node.is("ERROR") || (node.has_error() && node.count() == 0)) return node.line();
    for (std::size_t i = 0; i < node.all_count(); ++i)
      if (node.any_child(i).has_error()) return first_error_line(node.any_child(i));
    return node.line();
  }

  void read_body(RubyNode body, const Scope& scope) {
    for (std::size_t i = 0; i < body.count(); ++i) read_statement(body.child(i), scope);
  }

  void read_statement(RubyNode node, const Scope& scope) {
    if (node.is("class") || node.is("module")) return read_definition(node, scope);
    if (node.is("singleton_class")) return read_singleton_class(node, scope);
    if (scope.definition == nullptr) return;
    if (node.is("call")) return read_call(node, scope);
    if (node.is("identifier") && node.text() == "primary_abstract_class") scope.definition->abstract_class = true;
    if (node.is("assignment")) return read_assignment(node, *scope.definition);
    if (node.is("singleton_method") && node.field("object").is("self")) read_class_method(node, *scope.definition);
  }

  // class A::B < C / module M: the full name joins the name as written to
  // the definition it is written in (Ruby's nesting).
  void read_definition(RubyNode node, const Scope& scope) {
    RubyDefinition definition;
    definition.is_class = node.is("class");
    const std::string written(node.field("name").text());
    const std::string outer = scope.lexical.empty() ? "" : scope.lexical.back();
    definition.name = starts_with(written, "::") ? written.substr(2) : outer.empty() ? written : outer + "::" + written;
    definition.lexical_scopes = scope.lexical;
    if (definition.is_class) {
      RubyNode superclass = node.field("superclass");
      if (superclass.count() > 0) definition.parent = std::string(superclass.child(0).text());
    }
    definition.file = m_file;
    definition.line = node.line();
    // A deque: nested definitions are added while this one is filled.
    m_definitions.push_back(std::move(definition));
    Scope inner;
    inner.definition = &m_definitions.back();
    inner.lexical = scope.lexical;
    inner.lexical.push_back(inner.definition->name);
    read_body(node.field("body"), inner);
  }

  // class << self: its `def table_name_prefix` are class methods.
  void read_singleton_class(RubyNode node, const Scope& scope) {
    if (scope.definition == nullptr || !node.field("value").is("self")) return;
    RubyNode body = node.field("body");
    for (std::size_t i = 0; i < body.count(); ++i)
      if (body.child(i).is("method")) read_class_method(body.child(i), *scope.definition);
  }

  // def self.table_name_prefix; "oidc_"; end (and table_name, table_name_suffix).
  void read_class_method(RubyNode method, RubyDefinition& definition) {
    const std::string_view name = method.field("name").text();
    RubyNode body = method.field("body");
    if (name != "table_name" && name != "table_name_prefix" && name != "table_name_suffix") return;
    const RubyNode value = body.count() == 1 ? body.child(0) : RubyNode();
    set_table_attribute(definition, name, value, method);
  }

  void read_assignment(RubyNode node, RubyDefinition& definition) {
    RubyNode left = node.field("left");
    if (!left.is("call") || !left.field("receiver").is("self")) return;
    const std::string_view name = left.field("method").text();
    RubyNode right = node.field("right");
    const RubyValue value = ruby_value(right);
    if (name == "abstract_class") definition.abstract_class = value.is_true();
    else if (name == "pluralize_table_names" && value.kind == RubyValue::Kind::boolean)
      definition.pluralize_table_names = value.is_true();
    else if (name == "inheritance_column" && value.kind == RubyValue::Kind::nil) definition.inheritance_column = "";
    else if (name == "inheritance_column" && !value.name().empty()) definition.inheritance_column = value.name();
    else set_table_attribute(definition, name, right, node);
  }

  void set_table_attribute(RubyDefinition& definition, std::string_view name, RubyNode value, RubyNode statement) {
    const RubyValue read = ruby_value(value);
    if (name == "table_name") {
      if (value.is("string") || value.is("simple_symbol")) definition.table_name = text_parts(value);
      else definition.unreadable_table_name = one_line_source(statement);
      return;
    }
    if (name != "table_name_prefix" && name != "table_name_suffix") return;
    // Only a literal is kept; anything else leaves the attribute unknown.
    if (read.name().empty() && !(read.kind == RubyValue::Kind::string && !read.interpolated)) return;
    (name == "table_name_prefix" ? definition.table_name_prefix : definition.table_name_suffix) = read.text;
  }

  void read_call(RubyNode call, const Scope& scope) {
    RubyNode receiver = call.field("receiver");
    // Inside with_options do |v|, `v.validates` is the same as `validates`.
    if (!receiver.null() && !(receiver.is("identifier") && receiver.text() == scope.block_parameter)) return;
    const std::string_view method = call.field("method").text();
    RubyDefinition& definition = *scope.definition;
    if (call.has_error()) return;  // accounted for, with its line, by account_for_uniqueness
    if (method == "validates") return read_validates(call, scope);
    if (method == "validates_uniqueness_of") return read_validates_uniqueness_of(call, scope);
    if (method == "belongs_to") return read_belongs_to(call, definition);
    if (method == "include") return read_include(call, definition);
    if (method == "devise") return read_devise(call, definition);
    if (method == "with_options") return read_with_options(call, scope);
    if (method == "included" && !definition.is_class) {
      Scope inner = scope;
      inner.block_parameter.clear();
      read_body(statements_of(call.field("block")), inner);
    }
  }

  void read_include(RubyNode call, RubyDefinition& definition) {
    for (const auto& value : ruby_arguments(call).positional)
      if (value.node.is("constant") || value.node.is("scope_resolution"))
        definition.includes.emplace_back(value.node.text());
  }

  void read_belongs_to(RubyNode call, RubyDefinition& definition) {
    const RubyArguments arguments = ruby_arguments(call);
    if (arguments.positional.empty() || arguments.positional[0].name().empty()) return;
    RubyAssociation association;
    association.name = arguments.positional[0].name();
    association.foreign_key = association.name + "_id";
    if (const RubyValue* key = arguments.options.find("foreign_key"); key != nullptr && !key->name().empty())
      association.foreign_key = key->name();
    if (const RubyValue* polymorphic = arguments.options.find("polymorphic"); polymorphic != nullptr && polymorphic->is_true()) {
      association.polymorphic = true;
      association.foreign_type = association.name + "_type";
      if (const RubyValue* type = arguments.options.find("foreign_type"); type != nullptr && !type->name().empty())
        association.foreign_type = type->name();
    }
    definition.associations.push_back(association);
  }

  // with_options(allow_nil: true) do ... end: its options go beneath those
  // of every validation in the block.
  void read_with_options(RubyNode call, const Scope& scope) {
    RubyNode block = call.field("block");
    if (block.null()) return;
    Scope inner = scope;
    for (const auto& entry : ruby_arguments(call).options.pairs) inner.with_options.pairs.push_back(entry);
    RubyNode parameters = block.field("parameters");
    inner.block_parameter = parameters.count() == 1 ? std::string(parameters.child(0).text()) : "";
    read_body(statements_of(block), inner);
  }

  // Devise's :validatable declares
  // validates_uniqueness_of :email, allow_blank: true, case_sensitive: true, if: :will_save_change_to_email?
  void read_devise(RubyNode call, RubyDefinition& definition) {
    for (const auto& module : ruby_arguments(call).positional) {
      if (module.name() != "validatable") continue;
      RubyUniquenessValidation validation;
      validation.attributes = {"email"};
      validation.allow_blank = true;
      validation.conditional = {"if: :will_save_change_to_email?"};
      validation.file = m_file;
      validation.line = call.line();
      definition.validations.push_back(validation);
    }
  }

  // validates :a, :b, uniqueness: { ... }, allow_nil: true, presence: true
  void read_validates(RubyNode call, const Scope& scope) {
    // A key that is or names uniqueness is written with the word (or an
    // escape): the other validates lines (presence:, length:...) are not read.
    const std::string_view text = call.text();
    if (!contains_uniqueness(text) && text.find('\\') == std::string_view::npos) return;
    const RubyArguments arguments = ruby_arguments(call);
    OptionList options;
    add_options(options, scope.with_options);
    const RubyValue* uniqueness = nullptr;
    for (const auto& [key, value] : arguments.options.pairs) {
      if (key == "uniqueness") uniqueness = &value;
      else if (contains_uniqueness(key)) custom_validator(call, scope, key);
      // Rails passes these to every validator of the call; other keys
      // (presence:, format:...) are validators of their own.
      else if (key == "allow_nil" || key == "allow_blank" || key == "if" || key == "unless" || key == "on" ||
               key == "strict")
        options.emplace_back(&key, &value);
    }
    if (uniqueness == nullptr) return;
    account(call);
    if (uniqueness->kind == RubyValue::Kind::nil || uniqueness->is_false()) return;
    if (uniqueness->kind == RubyValue::Kind::hash) {
      add_options(options, *uniqueness);
    } else if (!uniqueness->is_true()) {
      return lost(call, scope, "uniqueness: " + one_line_source(uniqueness->node) + " is not true or a hash of options");
    }
    add_validation(call, scope, arguments.positional, options);
  }

  // validates_uniqueness_of :a, :b, scope: :c
  void read_validates_uniqueness_of(RubyNode call, const Scope& scope) {
    account(call);
    const RubyArguments arguments = ruby_arguments(call);
    OptionList options;
    add_options(options, scope.with_options);
    add_options(options, arguments.options);
    add_validation(call, scope, arguments.positional, options);
  }

  void custom_validator(RubyNode call, const Scope& scope, const std::string& key) {
    account(call);
    problem(call, owner(scope) + ": custom validator " + key + ": is app code plumb cannot import; "
                                 "the uniqueness it checks is not in the models file");
  }

  void add_validation(RubyNode call, const Scope& scope, const std::vector<RubyValue>& attributes,
                      const OptionList& options) {
    RubyUniquenessValidation validation;
    validation.file = m_file;
    validation.line = call.line();
    for (const auto& attribute : attributes) {
      if (attribute.name().empty())
        return lost(call, scope, "the attribute " + one_line_source(attribute.node) + " is not a name");
      validation.attributes.push_back(attribute.name());
    }
    if (validation.attributes.empty()) return lost(call, scope, "it names no attribute");
    // Later keys win, as in Ruby's Hash#merge: the uniqueness hash over the
    // call's options over with_options'.
    OptionList effective;
    for (const auto& entry : options) {
      auto same = std::find_if(effective.begin(), effective.end(), [&](const auto& e) { return *e.first == *entry.first; });
      if (same != effective.end()) same->second = entry.second;
      else effective.push_back(entry);
    }
    for (const auto& [key, value] : effective)
      if (!read_option(call, scope, *key, *value, validation)) return;
    scope.definition->validations.push_back(std::move(validation));
  }

  // False when the option makes the rule unreadable (the validation is then
  // reported lost, never imported half-read).
  bool read_option(RubyNode call, const Scope& scope, const std::string& key, const RubyValue& value,
                   RubyUniquenessValidation& validation) {
    if (key == "scope") return read_scope(call, scope, value, validation);
    if (key == "case_sensitive") {
      if (value.kind != RubyValue::Kind::boolean)
        return lost(call, scope, "case_sensitive: " + one_line_source(value.node) + " is not true or false"), false;
      validation.case_insensitive = value.is_false();
    } else if (key == "allow_nil" || key == "allow_blank") {
      if (value.kind != RubyValue::Kind::boolean && value.kind != RubyValue::Kind::nil)
        validation.conditional.push_back(key + ": " + one_line_source(value.node));
      else (key == "allow_nil" ? validation.allow_nil : validation.allow_blank) = value.is_true();
    } else if (key == "conditions") {
      read_conditions(call, scope, value, validation);
    } else if (key == "if" || key == "unless" || key == "on") {
      validation.conditional.push_back(key + ": " + one_line_source(value.node));
    } else if (key != "message" && key != "strict") {
      problem(call, owner(scope) + ": unknown uniqueness option " + key + ": (Rails ignores it); "
                                   "the rule is imported without it");
    }
    return true;
  }

  bool read_scope(RubyNode call, const Scope& scope, const RubyValue& value, RubyUniquenessValidation& validation) {
    const bool list = value.kind == RubyValue::Kind::array;
    const RubyValue* names = list ? value.items.data() : &value;
    const std::size_t count = list ? value.items.size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
      std::string name = names[i].name();
      if (name.empty()) {
        lost(call, scope, "scope: " + one_line_source(value.node) + " is not a list of column names");
        return false;
      }
      validation.scope.push_back(std::move(name));
    }
    return true;
  }

  void read_conditions(RubyNode call, const Scope& scope, const RubyValue& value, RubyUniquenessValidation& validation) {
    RubyNode body = value.kind == RubyValue::Kind::lambda ? statements_of(value.node.field("body")) : RubyNode();
    const auto sql = body.count() == 1 ? conditions_sql(body.child(0)) : std::nullopt;
    if (sql) {
      validation.condition = *sql;
      return;
    }
    const std::string source = "conditions: " + one_line_source(value.node);
    validation.conditional.push_back(source);
    problem(call, owner(scope) + ": cannot translate " + source + " to SQL; the rule is imported as conditional on it");
  }

  void lost(RubyNode call, const Scope& scope, const std::string& why) {
    problem(call, owner(scope) + ": uniqueness validation not imported: " + why);
  }

  static std::string owner(const Scope& scope) {
    return scope.definition == nullptr ? "top level" : scope.definition->name;
  }

  void problem(RubyNode node, const std::string& message) { m_result.diagnostics.push_back({m_file, node.line(), message}); }

  // Marks a statement's `uniqueness` words as turned into a rule or a warning.
  void account(RubyNode statement) { m_accounted.push_back(statement); }

  bool accounted(RubyNode node) const {
    for (const RubyNode& statement : m_accounted)
      if (node.start_byte() >= statement.start_byte() && node.end_byte() <= statement.end_byte()) return true;
    return false;
  }

  // The smallest node covering bytes [start, end): looked for from the
  // accounted statement holding them when there is one, which finds the
  // same node as from the root without walking down the file's classes.
  RubyNode node_at(std::uint32_t start, std::uint32_t end) const {
    for (const RubyNode& statement : m_accounted)
      if (statement.start_byte() <= start && end <= statement.end_byte()) return statement.descendant_at(start, end);
    return m_tree.root().descendant_at(start, end);
  }

  // Every word of the code (not comments or strings) that mentions
  // uniqueness and did not become a rule or a warning gets one now. The
  // text is only searched for where to look; the syntax tree decides what
  // each place is (a comment, a string, a symbol, a method name...).
  void account_for_uniqueness() {
    const std::string& source = m_tree.source();
    std::uint32_t last_word_end = 0;
    for (std::size_t at = find_uniqueness(source, 0); at != std::string::npos; at = find_uniqueness(source, at + 1)) {
      const RubyNode node = node_at(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 10));
      if (node.start_byte() < last_word_end) continue;  // the same word again ("uniqueness_uniqueness")
      last_word_end = node.end_byte();
      if (accounted(node)) continue;
      const bool unread = is_word(node) || (!in_text(node) && inside_error(node));
      // Asked last: ts_node_parent walks down from the root each time.
      if (unread && !method_name(node)) warn_unread(node);
    }
  }

  static std::size_t find_uniqueness(const std::string& text, std::size_t from) {
    static const std::string_view word = "uniqueness";
    for (std::size_t at = from; at + word.size() <= text.size(); ++at) {
      if ((text[at] | 0x20) != 'u') continue;
      std::size_t i = 1;
      while (i < word.size() && std::tolower(static_cast<unsigned char>(text[at + i])) == word[i]) ++i;
      if (i == word.size()) return at;
    }
    return std::string::npos;
  }

  // Comments and the contents of strings, heredocs and regexes.
  static bool in_text(RubyNode node) {
    return node.is("comment") || node.is("string_content") || node.is("heredoc_content") || node.is("heredoc_body");
  }

  static bool is_word(RubyNode node) {
    return node.is("identifier") || node.is("constant") || node.is("simple_symbol") || node.is("hash_key_symbol") ||
           node.is("bare_symbol");
  }

  // `def check_uniqueness`: a method's own name is not a declaration.
  static bool method_name(RubyNode node) {
    RubyNode parent = node.parent();
    return (parent.is("method") || parent.is("singleton_method")) && parent.field("name").start_byte() == node.start_byte();
  }

  void warn_unread(RubyNode node) {
    m_accounted.push_back(statement_of(node));
    const std::string where = enclosing_name(node);
    bool interpolated = false;
    const std::string word = literal_text(node, interpolated);
    if (inside_error(node) || statement_of(node).has_error())
      return problem(node, where + ": Ruby syntax plumb cannot parse here; the uniqueness validation in it is lost");
    RubyNode call = node.parent().is("argument_list") ? node.parent().parent() : RubyNode();
    const std::string_view method = call.field("method").text();
    if (method == "validate" || method == "validates_with" || method == "validates_each")
      return problem(node, where + ": custom validation " + word + " is app code plumb cannot import; "
                                   "the uniqueness it checks is not in the models file");
    problem(node, where + ": " + word + " is not a uniqueness validation plumb can read; "
                          "whatever uniqueness it checks is not in the models file");
  }

  static bool inside_error(RubyNode node) {
    for (RubyNode at = node; !at.null(); at = at.parent())
      if (at.is("ERROR")) return true;
    return false;
  }

  // The statement holding `node`: its ancestor just below a body.
  static RubyNode statement_of(RubyNode node) {
    RubyNode at = node;
    for (RubyNode parent = at.parent(); !parent.null(); at = parent, parent = parent.parent())
      if (parent.is("body_statement") || parent.is("block_body") || parent.is("program")) return at;
    return at;
  }

  // The class or module `node` is written in, with its modules.
  static std::string enclosing_name(RubyNode node) {
    std::vector<std::string> names;
    for (RubyNode at = node.parent(); !at.null(); at = at.parent()) {
      if (!at.is("class") && !at.is("module")) continue;
      const std::string name(at.field("name").text());
      names.insert(names.begin(), name);
      if (starts_with(name, "::")) break;
    }
    std::string full = join(names, "::");
    while (starts_with(full, "::")) full.erase(0, 2);
    return full.empty() ? "top level" : full;
  }

  RubySyntaxTree m_tree;
  std::string m_file;
  RubyModelFile m_result;
  std::deque<RubyDefinition> m_definitions;  // in the order they start in the file
  std::vector<RubyNode> m_accounted;  // statements already turned into rules or warnings
};

}  // namespace

RubyModelFile read_ruby_models(const std::string& source, const std::string& file) {
  return Reader(source, file).read();
}

}  // namespace plumb
