#include "rails/rails_model_import.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <cctype>
#include <optional>
#include <tuple>

#include "rails/rails_inflector.hpp"
#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// The position just after the bracket that closes the one at `open`, strings
// skipped; npos when it never closes.
std::size_t after_closing(const std::string& text, std::size_t open) {
  int depth = 0;
  char quote = '\0';
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != '\0') {
      if (c == '\\') ++i;
      else if (c == quote) quote = '\0';
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string::npos;
}

bool simple_identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

std::string sql_identifier(const std::string& name) {
  if (simple_identifier(name)) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::optional<std::string> sql_literal(const RubyValue& value) {
  switch (value.kind) {
    case RubyValue::Kind::string:
    case RubyValue::Kind::symbol: {
      if (value.text.find("#{") != std::string::npos) return std::nullopt;
      std::string quoted = "'";
      for (char c : value.text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      return quoted + "'";
    }
    case RubyValue::Kind::number:
    case RubyValue::Kind::boolean: return value.text;
    default: return std::nullopt;
  }
}

// `column = value` as Active Record writes where(column: value).
std::optional<std::string> sql_comparison(const std::string& column, const RubyValue& value, bool negate) {
  const std::string name = sql_identifier(column);
  if (value.kind == RubyValue::Kind::nil) return name + (negate ? " IS NOT NULL" : " IS NULL");
  if (value.kind == RubyValue::Kind::array) {
    std::vector<std::string> items;
    for (const auto& item : value.items) {
      const auto literal = sql_literal(item);
      if (!literal) return std::nullopt;
      items.push_back(*literal);
    }
    if (items.empty()) return std::nullopt;
    return name + (negate ? " NOT IN (" : " IN (") + join(items, ", ") + ")";
  }
  const auto literal = sql_literal(value);
  if (!literal) return std::nullopt;
  return name + (negate ? " <> " : " = ") + *literal;
}

// One where(...) or where.not(...) call's arguments as SQL.
std::optional<std::string> translate_where(const std::string& arguments, bool negate) {
  RubyArguments parsed;
  try {
    parsed = parse_ruby_arguments(arguments);
  } catch (const RubySyntaxError&) {
    return std::nullopt;
  }
  if (parsed.positional.size() == 1 && parsed.options.pairs.empty() && !negate &&
      parsed.positional[0].kind == RubyValue::Kind::string && parsed.positional[0].text.find("#{") == std::string::npos &&
      parsed.positional[0].text.find('?') == std::string::npos)
    return parsed.positional[0].text;
  if (!parsed.positional.empty() || parsed.options.pairs.empty()) return std::nullopt;
  std::vector<std::string> comparisons;
  for (const auto& [column, value] : parsed.options.pairs) {
    const auto comparison = sql_comparison(column, value, negate && parsed.options.pairs.size() == 1);
    if (!comparison) return std::nullopt;
    comparisons.push_back(*comparison);
  }
  if (negate && comparisons.size() > 1) return "NOT (" + join(comparisons, " AND ") + ")";
  return join(comparisons, " AND ");
}

}  // namespace

std::optional<std::string> translate_conditions(const std::string& condition) {
  std::vector<std::string> parts;
  std::size_t position = 0;
  const std::string text = trim(condition);
  while (true) {
    if (text.compare(position, 5, "where") != 0) return std::nullopt;
    position += 5;
    const bool negate = text.compare(position, 4, ".not") == 0;
    if (negate) position += 4;
    if (position >= text.size() || text[position] != '(') return std::nullopt;
    const std::size_t end = after_closing(text, position);
    if (end == std::string::npos) return std::nullopt;
    const auto part = translate_where(text.substr(position, end - position), negate);
    if (!part) return std::nullopt;
    parts.push_back(parts.empty() && text.size() == end ? *part : "(" + *part + ")");
    position = end;
    if (position == text.size()) break;
    if (text[position] != '.') return std::nullopt;
    ++position;
  }
  if (parts.size() == 1 && starts_with(parts[0], "(")) return parts[0].substr(1, parts[0].size() - 2);
  return join(parts, " AND ");
}

namespace {

// Resolves names, inheritance and tables across all scanned files, then
// turns each uniqueness validation into rules.
class Importer {
 public:
  explicit Importer(std::vector<RubyModelFile> files) : m_files(std::move(files)) {
    for (const auto& file : m_files) {
      for (const auto& klass : file.classes) m_classes.emplace(klass.name, &klass);
      for (const auto& space : file.namespaces) merge_namespace(space);
      m_result.diagnostics.insert(m_result.diagnostics.end(), file.diagnostics.begin(), file.diagnostics.end());
    }
  }

  RailsImport run() {
    std::map<std::string, ImportedModel> models;
    for (const auto& [name, klass] : m_classes) {
      if (klass->validations.empty()) continue;
      if (!is_model(*klass)) {
        problem(klass->file, klass->line, "class " + name + " is not an Active Record model; its validations are skipped");
        continue;
      }
      ImportedModel imported = start_model(*klass);
      for (const auto& validation : klass->validations) add_rules(*klass, validation, imported);
      if (!imported.model.unique.empty()) models.emplace(name, std::move(imported));
    }
    for (auto& [name, model] : models) m_result.models.push_back(std::move(model));
    std::stable_sort(m_result.diagnostics.begin(), m_result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                     });
    return std::move(m_result);
  }

 private:
  void merge_namespace(const RubyNamespace& space) {
    RubyNamespace& merged = m_namespaces[space.name];
    merged.name = space.name;
    if (space.table_name_prefix) merged.table_name_prefix = space.table_name_prefix;
    if (space.table_name_suffix) merged.table_name_suffix = space.table_name_suffix;
  }

  // The class `written` names from inside `klass`, by Ruby's lexical lookup:
  // innermost enclosing module first, top level last.
  const RubyClass* resolve(const std::string& written, const RubyClass& klass) const {
    if (starts_with(written, "::")) return find(written.substr(2));
    for (std::size_t depth = klass.enclosing.size() + 1; depth-- > 0;) {
      std::vector<std::string> path(klass.enclosing.begin(), klass.enclosing.begin() + depth);
      path.push_back(written);
      if (const RubyClass* found = find(join(path, "::"))) return found;
    }
    return nullptr;
  }

  const RubyClass* find(const std::string& name) const {
    const auto found = m_classes.find(name);
    return found == m_classes.end() ? nullptr : found->second;
  }

  const RubyClass* parent_of(const RubyClass& klass) const {
    return klass.parent.empty() ? nullptr : resolve(klass.parent, klass);
  }

  // Inherits from ActiveRecord::Base, directly or through classes in the app;
  // an ApplicationRecord the app does not define is taken as Rails' usual one.
  bool is_model(const RubyClass& klass, int depth = 0) const {
    if (depth > 50) return false;  // a cycle in broken code
    if (const RubyClass* parent = parent_of(klass)) return is_model(*parent, depth + 1);
    return klass.parent == "ActiveRecord::Base" || klass.parent == "::ActiveRecord::Base" ||
           klass.parent == "ApplicationRecord";
  }

  // The class whose table `klass` uses: itself, or for single-table
  // inheritance its topmost non-abstract model ancestor.
  const RubyClass& base_class(const RubyClass& klass) const {
    const RubyClass* base = &klass;
    for (int depth = 0; depth < 50; ++depth) {
      const RubyClass* parent = parent_of(*base);
      if (parent == nullptr || parent->abstract_class || !is_model(*parent)) break;
      base = parent;
    }
    return *base;
  }

  // The first value `field` of the class or an ancestor sets (class attributes inherit).
  std::optional<std::string> inherited(const RubyClass& klass,
                                       std::optional<std::string> RubyClass::*field) const {
    const RubyClass* current = &klass;
    for (int depth = 0; current != nullptr && depth < 50; ++depth, current = parent_of(*current))
      if (current->*field) return current->*field;
    return std::nullopt;
  }

  // A module around the class that defines the prefix (or suffix) wins over
  // the class attribute, as in Rails' full_table_name_prefix.
  std::string affix(const RubyClass& klass, std::optional<std::string> RubyNamespace::*module_field,
                    std::optional<std::string> RubyClass::*class_field) const {
    for (std::size_t depth = klass.enclosing.size(); depth > 0; --depth) {
      const std::string name = join({klass.enclosing.begin(), klass.enclosing.begin() + depth}, "::");
      const auto space = m_namespaces.find(name);
      if (space != m_namespaces.end() && space->second.*module_field) return *(space->second.*module_field);
    }
    return inherited(klass, class_field).value_or("");
  }

  std::string table_of(const RubyClass& klass) const {
    const RubyClass& base = base_class(klass);
    if (base.table_name) return *base.table_name;
    return affix(base, &RubyNamespace::table_name_prefix, &RubyClass::table_name_prefix) +
           table_name_for_class(base.name) +
           affix(base, &RubyNamespace::table_name_suffix, &RubyClass::table_name_suffix);
  }

  ImportedModel start_model(const RubyClass& klass) const {
    ImportedModel imported;
    imported.model.name = klass.name;
    const std::string table = table_of(klass);
    const auto dot = table.find('.');
    if (dot == std::string::npos) {
      imported.model.table = table;
    } else {
      imported.model.schema = table.substr(0, dot);
      imported.model.table = table.substr(dot + 1);
    }
    return imported;
  }

  const RubyAssociation* association(const RubyClass& klass, const std::string& name) const {
    const RubyClass* current = &klass;
    for (int depth = 0; current != nullptr && depth < 50; ++depth, current = parent_of(*current))
      for (const auto& candidate : current->associations)
        if (candidate.name == name) return &candidate;
    return nullptr;
  }

  // The columns behind an attribute or scope name: an association's foreign
  // key (and type, when polymorphic), else the name itself.
  std::vector<std::string> columns_of(const RubyClass& klass, const std::string& name) const {
    const RubyAssociation* found = association(klass, name);
    if (found == nullptr) return {name};
    if (found->polymorphic) return {found->foreign_type, found->foreign_key};
    return {found->foreign_key};
  }

  void add_rules(const RubyClass& klass, const RubyUniquenessValidation& validation, ImportedModel& imported) {
    for (const auto& attribute : validation.attributes) {
      UniquenessRule rule;
      std::vector<std::string> notes;
      rule.columns = columns_of(klass, attribute);
      rule.origin = klass.file + ":" + std::to_string(validation.line);
      read_scope(klass, validation, rule, notes);
      read_options(klass, validation, attribute, rule, notes);
      imported.model.unique.push_back(rule);
      imported.notes.push_back(notes);
    }
  }

  void read_scope(const RubyClass& klass, const RubyUniquenessValidation& validation, UniquenessRule& rule,
                  std::vector<std::string>& notes) {
    const RubyValue* scope = validation.options.find("scope");
    if (scope == nullptr) return;
    std::vector<RubyValue> names = scope->kind == RubyValue::Kind::array ? scope->items : std::vector<RubyValue>{*scope};
    for (const auto& name : names) {
      if (name.name().empty()) {
        untranslated(klass, validation, "scope " + name.text, notes);
        continue;
      }
      for (const auto& column : columns_of(klass, name.name())) rule.columns.push_back(column);
    }
  }

  void read_options(const RubyClass& klass, const RubyUniquenessValidation& validation, const std::string& attribute,
                    UniquenessRule& rule, std::vector<std::string>& notes) {
    const RubyValue& options = validation.options;
    const auto is_true = [&](const char* key) { return options.find(key) != nullptr && options.find(key)->is_true(); };
    rule.nulls = is_true("allow_nil") || is_true("allow_blank") ? NullSemantics::distinct : NullSemantics::not_distinct;
    if (const RubyValue* sensitive = options.find("case_sensitive");
        sensitive != nullptr && sensitive->kind == RubyValue::Kind::boolean && !sensitive->is_true())
      rule.case_insensitive = columns_of(klass, attribute);
    std::vector<std::string> conditions;
    if (const RubyValue* lambda = options.find("conditions")) {
      const auto sql = lambda->kind == RubyValue::Kind::lambda ? translate_conditions(lambda->text) : std::nullopt;
      if (sql) conditions.push_back(*sql);
      else untranslated(klass, validation, "conditions: -> { " + lambda->text + " }", notes);
    }
    for (const char* key : {"if", "unless"})
      if (const RubyValue* guard = options.find(key))
        untranslated(klass, validation, std::string(key) + ": " + describe(*guard), notes);
    const RubyClass& base = base_class(klass);
    if (&base != &klass)
      conditions.push_back(sql_identifier(base.inheritance_column.value_or("type")) + " = " +
                           *sql_literal(RubyValue{RubyValue::Kind::string, klass.name, {}, {}}));
    if (!conditions.empty())
      rule.condition = conditions.size() == 1 ? conditions[0] : "(" + join(conditions, ") AND (") + ")";
  }

  static std::string describe(const RubyValue& value) {
    if (value.kind == RubyValue::Kind::lambda) return "-> { " + value.text + " }";
    if (value.kind == RubyValue::Kind::symbol) return ":" + value.text;
    return value.text;
  }

  void untranslated(const RubyClass& klass, const RubyUniquenessValidation& validation, const std::string& what,
                    std::vector<std::string>& notes) {
    notes.push_back("untranslated " + what);
    problem(klass.file, validation.line,
            "cannot translate " + what + " of " + klass.name + "'s uniqueness validation; the rule is imported without it");
  }

  void problem(const std::string& file, int line, const std::string& message) {
    m_result.diagnostics.push_back({file, line, message});
  }

  std::vector<RubyModelFile> m_files;  // owns the classes the maps point into
  std::map<std::string, const RubyClass*> m_classes;
  std::map<std::string, RubyNamespace> m_namespaces;
  RailsImport m_result;
};

std::string read_text(const std::filesystem::path& path) {
  auto text = read_file_text(path.string());
  if (!text) throw RuntimeFailure("cannot read " + path.string());
  return std::move(*text);
}

std::string trim_slashes(std::string path) {
  while (starts_with(path, "/")) path.erase(0, 1);
  return path;
}

}  // namespace

RailsImport import_rails_sources(const std::vector<RubySource>& sources) {
  std::vector<RubyModelFile> files;
  files.reserve(sources.size());
  for (const auto& [path, text] : sources) files.push_back(scan_ruby_models(text, path));
  return Importer(std::move(files)).run();
}

RailsImport import_rails_app(const std::string& app_root) {
  namespace fs = std::filesystem;
  const fs::path models = fs::path(app_root) / "app" / "models";
  if (!fs::is_directory(models)) throw InputError(app_root + ": no app/models folder (is it a Rails app's root?)");
  // Paths relative to the root by cutting its prefix: fs::relative would
  // resolve symlinks with a system call per file.
  const std::size_t root_length = fs::path(app_root).generic_string().size();
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(models))
    if (entry.is_regular_file() && entry.path().extension() == ".rb")
      paths.push_back(trim_slashes(entry.path().generic_string().substr(root_length)));
  std::sort(paths.begin(), paths.end());
  std::vector<RubySource> sources;
  for (const auto& path : paths) sources.emplace_back(path, read_text(fs::path(app_root) / path));
  return import_rails_sources(sources);
}

}  // namespace plumb
