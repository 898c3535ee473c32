#include "rails/rails_model_import.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/text.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {
namespace {

// A model's table as Rails names it ("schema.table" or "table"). A name
// that is no valid SQL name stays whole: the check then reports its table
// as missing, which says more than an import that stops.
QualifiedName table_name_of(const std::string& table) {
  try {
    return QualifiedName::parse(table);
  } catch (const InputError&) {
    return QualifiedName{std::nullopt, table};
  }
}

const int k_max_depth = 50;  // inheritance or include chains deeper than this are cycles in broken code

// An include as written, with the definitions it is written in (for lookup).
struct Include {
  std::string written;
  std::vector<std::string> lexical;
};

// A class or module with all its definitions (a class may be reopened) merged.
struct Entity {
  RubyDefinition definition;  // the first definition, with the others' declarations added
  std::vector<Include> includes;
  const Entity* parent = nullptr;  // the superclass when the app defines it, resolved once
};

std::string quoted_sql(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string sql_column(const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                     });
  if (plain) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

class Importer {
 public:
  // The files' definitions are moved into the entities (thousands of them).
  Importer(std::vector<RubyModelFile> files, RailsAppConfig config) : m_config(std::move(config)) {
    for (auto& file : files) {
      for (auto& definition : file.definitions) merge(std::move(definition));
      m_result.diagnostics.insert(m_result.diagnostics.end(), file.diagnostics.begin(), file.diagnostics.end());
    }
    m_result.diagnostics.insert(m_result.diagnostics.end(), m_config.diagnostics.begin(), m_config.diagnostics.end());
    summarise_syntax_errors(files);
    // The superclass is written outside the class body: looked up from the
    // definitions around the class.
    for (auto& [name, entity] : m_entities)
      if (!entity.definition.parent.empty())
        entity.parent = resolve(entity.definition.parent, entity.definition.lexical_scopes, &entity);
  }

  RailsImport run() {
    for (const auto& [name, entity] : m_entities) import_entity(entity);
    warn_unused_declarations();
    std::stable_sort(m_result.diagnostics.begin(), m_result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    });
    return std::move(m_result);
  }

 private:
  void merge(RubyDefinition&& definition) {
    auto [found, added] = m_entities.try_emplace(definition.name);
    Entity& entity = found->second;
    if (!definition.includes.empty()) {
      std::vector<std::string> lexical = definition.lexical_scopes;
      lexical.push_back(definition.name);
      for (const auto& written : definition.includes) entity.includes.push_back({written, lexical});
    }
    if (added) {
      entity.definition = std::move(definition);
      return;
    }
    RubyDefinition& into = entity.definition;
    if (into.parent.empty()) into.parent = definition.parent;
    for (auto field : {&RubyDefinition::table_name_prefix, &RubyDefinition::table_name_suffix, &RubyDefinition::inheritance_column})
      if (!(into.*field)) into.*field = definition.*field;
    if (!into.table_name) into.table_name = definition.table_name;
    if (into.unreadable_table_name.empty()) into.unreadable_table_name = definition.unreadable_table_name;
    if (!into.pluralize_table_names) into.pluralize_table_names = definition.pluralize_table_names;
    into.abstract_class = into.abstract_class || definition.abstract_class;
    into.associations.insert(into.associations.end(), std::make_move_iterator(definition.associations.begin()),
                             std::make_move_iterator(definition.associations.end()));
    into.validations.insert(into.validations.end(), std::make_move_iterator(definition.validations.begin()),
                            std::make_move_iterator(definition.validations.end()));
  }

  // Files tree-sitter could not fully parse and that have no warning of
  // their own (a uniqueness word in a broken statement has one): one line
  // for all of them, so that parser noise never hides a lost rule.
  void summarise_syntax_errors(const std::vector<RubyModelFile>& files) {
    const RubyModelFile* first = nullptr;
    std::size_t count = 0;
    for (const auto& file : files) {
      if (file.syntax_error_line == 0 || !file.diagnostics.empty()) continue;
      if (count++ == 0) first = &file;
    }
    if (first == nullptr) return;
    m_result.diagnostics.push_back(
        {first->file, first->syntax_error_line,
         std::to_string(count) + (count == 1 ? " model file has" : " model files have") +
             " Ruby syntax plumb cannot parse (the first is here) but no uniqueness validation"});
  }

  // Ruby's constant lookup: each definition `written` is nested in,
  // innermost first, then the top level.
  // `self` is never the answer: in `module Admin; class User < User`, the
  // superclass is read before Admin::User exists, so it is ::User.
  const Entity* resolve(const std::string& written, const std::vector<std::string>& lexical,
                        const Entity* self = nullptr) const {
    if (starts_with(written, "::")) return find(written.substr(2));
    for (auto scope = lexical.rbegin(); scope != lexical.rend(); ++scope) {
      const Entity* found = find(*scope + "::" + written);
      if (found != nullptr && found != self) return found;
    }
    const Entity* found = find(written);
    return found == self ? nullptr : found;
  }

  const Entity* find(const std::string& name) const {
    const auto found = m_entities.find(name);
    return found == m_entities.end() ? nullptr : &found->second;
  }

  static const Entity* parent_of(const Entity& entity) { return entity.parent; }

  // Inherits from ActiveRecord::Base, directly or through classes of the
  // app; an ApplicationRecord the app does not define is Rails' usual one.
  bool is_model(const Entity& entity) const {
    const Entity* at = &entity;
    for (int depth = 0; depth < k_max_depth; ++depth) {
      if (!at->definition.is_class) return false;
      const Entity* parent = parent_of(*at);
      if (parent == nullptr) {
        const std::string& written = at->definition.parent;
        return written == "ActiveRecord::Base" || written == "::ActiveRecord::Base" || written == "ApplicationRecord" ||
               written == "::ApplicationRecord";
      }
      at = parent;
    }
    return false;
  }

  static bool is_abstract(const Entity& entity) { return entity.definition.abstract_class; }

  // The class whose table `entity` uses: the topmost ancestor below an
  // abstract class or ActiveRecord::Base (Rails' base_class).
  const Entity& base_class(const Entity& entity) const {
    const Entity* base = &entity;
    for (int depth = 0; depth < k_max_depth; ++depth) {
      const Entity* parent = parent_of(*base);
      if (parent == nullptr || is_abstract(*parent) || !is_model(*parent)) break;
      base = parent;
    }
    return *base;
  }

  // The first value a class attribute has on the class or an ancestor, then
  // the app's configuration.
  template <typename T>
  std::optional<T> inherited(const Entity& entity, std::optional<T> RubyDefinition::*field) const {
    const Entity* at = &entity;
    for (int depth = 0; at != nullptr && depth < k_max_depth; ++depth, at = parent_of(*at))
      if (at->definition.*field) return at->definition.*field;
    return std::nullopt;
  }

  // Rails' full_table_name_prefix: the innermost module parent (from the
  // class's full name) that has a table_name_prefix, else the class's own.
  std::string affix(const Entity& entity, std::optional<std::string> RubyDefinition::*field,
                    const std::optional<std::string>& configured) const {
    std::vector<std::string> parts = split(entity.definition.name, ':');
    parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
    for (std::size_t depth = parts.size() - 1; depth > 0; --depth) {
      const Entity* parent = find(join({parts.begin(), parts.begin() + static_cast<long>(depth)}, "::"));
      if (parent == nullptr) continue;
      if (parent->definition.*field) return *(parent->definition.*field);
      if (is_model(*parent)) break;  // a model answers with its class attribute, below
    }
    return inherited(entity, field).value_or(configured.value_or(""));
  }

  bool pluralized(const Entity& entity) const {
    return inherited(entity, &RubyDefinition::pluralize_table_names).value_or(m_config.pluralize_table_names.value_or(true));
  }

  // The table of a model, or nullopt (with a diagnostic) when plumb cannot
  // evaluate its self.table_name.
  std::optional<std::string> table_of(const Entity& entity, int depth = 0) {
    const Entity& base = base_class(entity);
    const RubyDefinition& definition = base.definition;
    if (!definition.unreadable_table_name.empty()) return unreadable_table(entity, definition.unreadable_table_name);
    if (definition.table_name) {
      std::string table;
      for (const auto& part : *definition.table_name) {
        if (!part.code) table += part.text;
        else if (part.text == "table_name_prefix" || part.text == "self.table_name_prefix")
          table += affix(base, &RubyDefinition::table_name_prefix, m_config.table_name_prefix);
        else if (part.text == "table_name_suffix" || part.text == "self.table_name_suffix")
          table += affix(base, &RubyDefinition::table_name_suffix, m_config.table_name_suffix);
        else return unreadable_table(entity, "#{" + part.text + "} in self.table_name");
      }
      return table;
    }
    const std::string& name = definition.name;
    const std::size_t last = name.rfind("::");
    std::string table = m_config.inflector.underscore(last == std::string::npos ? name : name.substr(last + 2));
    if (pluralized(base)) table = m_config.inflector.pluralize(table);
    return affix(base, &RubyDefinition::table_name_prefix, m_config.table_name_prefix) + contained_prefix(base, depth) +
           table + affix(base, &RubyDefinition::table_name_suffix, m_config.table_name_suffix);
  }

  // A model nested in a model class is prefixed with the singular of the
  // outer model's table: Post::Comment -> post_comments.
  std::string contained_prefix(const Entity& base, int depth) {
    const std::string& name = base.definition.name;
    const std::size_t last = name.rfind("::");
    if (last == std::string::npos || depth > k_max_depth) return "";
    const Entity* outer = find(name.substr(0, last));
    if (outer == nullptr || !is_model(*outer) || is_abstract(*outer)) return "";
    const auto outer_table = table_of(*outer, depth + 1);
    if (!outer_table) return "";
    return (pluralized(*outer) ? m_config.inflector.singularize(*outer_table) : *outer_table) + "_";
  }

  std::optional<std::string> unreadable_table(const Entity& entity, const std::string& what) {
    if (m_warned_tables.insert(entity.definition.name).second)
      m_result.diagnostics.push_back({entity.definition.file, entity.definition.line,
                                      entity.definition.name + ": cannot evaluate its table name (" + what +
                                          "); its uniqueness rules are not imported"});
    return std::nullopt;
  }

  // A validation and the class or module that declares it (whose
  // associations name its columns).
  struct Declaration {
    const RubyUniquenessValidation* validation;
    const Entity* declarer;
  };

  // The modules `entity` includes, and those they include, in order.
  void add_included(const Entity& entity, std::vector<const Entity*>& modules, int depth = 0) const {
    if (depth > k_max_depth) return;
    for (const auto& include : entity.includes) {
      const Entity* module = resolve(include.written, include.lexical);
      if (module == nullptr || module->definition.is_class ||
          std::find(modules.begin(), modules.end(), module) != modules.end())
        continue;
      modules.push_back(module);
      add_included(*module, modules, depth + 1);
    }
  }

  // What `model` validates itself: its own declarations and its concerns',
  // then those of the abstract classes above it up to the first model
  // class (whose rules cover this one's rows through its own type condition).
  std::vector<Declaration> declarations_of(const Entity& model) {
    std::vector<Declaration> declarations;
    const Entity* at = &model;
    for (int depth = 0; at != nullptr && depth < k_max_depth; ++depth) {
      if (at != &model && !is_abstract(*at)) break;
      std::vector<const Entity*> sources{at};
      add_included(*at, sources);
      for (const Entity* source : sources) {
        m_used.insert(source);
        for (const auto& validation : source->definition.validations) declarations.push_back({&validation, source});
      }
      at = parent_of(*at);
    }
    return declarations;
  }

  const RubyAssociation* association(const Entity& model, const std::string& name) const {
    std::vector<const Entity*> sources;
    for (const Entity* at = &model; at != nullptr && sources.size() < k_max_depth; at = parent_of(*at)) {
      sources.push_back(at);
      add_included(*at, sources);
    }
    for (const Entity* source : sources)
      for (const auto& candidate : source->definition.associations)
        if (candidate.name == name) return &candidate;
    return nullptr;
  }

  // The validated attribute's column: an association means its foreign key.
  std::string attribute_column(const Entity& model, const std::string& name) const {
    const RubyAssociation* found = association(model, name);
    return found == nullptr ? name : found->foreign_key;
  }

  // A scope name's columns: an association means its foreign key, and its
  // type column too when polymorphic (Rails scopes by where(assoc => record)).
  std::vector<std::string> scope_columns(const Entity& model, const std::string& name) const {
    const RubyAssociation* found = association(model, name);
    if (found == nullptr) return {name};
    if (found->polymorphic) return {found->foreign_type, found->foreign_key};
    return {found->foreign_key};
  }

  // The sti_names of `model` and every model class below it, for the type
  // condition Rails adds when a subclass runs the validation's query.
  std::vector<std::string> subtree(const Entity& model) const {
    std::vector<std::string> names{model.definition.name};
    for (const auto& [name, entity] : m_entities) {
      if (&entity == &model || is_abstract(entity) || !entity.definition.is_class) continue;
      const Entity* at = parent_of(entity);
      for (int depth = 0; at != nullptr && depth < k_max_depth; ++depth, at = parent_of(*at))
        if (at == &model) {
          names.push_back(name);
          break;
        }
    }
    return names;
  }

  std::optional<std::string> type_condition(const Entity& model) const {
    const Entity& base = base_class(model);
    if (&base == &model) return std::nullopt;
    const std::string column = inherited(model, &RubyDefinition::inheritance_column).value_or("type");
    if (column.empty()) return std::nullopt;  // self.inheritance_column = nil: no single-table inheritance
    std::vector<std::string> names;
    for (const auto& name : subtree(model)) names.push_back(quoted_sql(name));
    if (names.size() == 1) return sql_column(column) + " = " + names[0];
    return sql_column(column) + " IN (" + join(names, ", ") + ")";
  }

  UniquenessRule rule_for(const Entity& model, const RubyUniquenessValidation& validation, const std::string& attribute,
                          const std::optional<std::string>& sti) const {
    UniquenessRule rule;
    const std::string column = attribute_column(model, attribute);
    rule.columns = {column};
    for (const auto& name : validation.scope)
      for (const auto& scoped : scope_columns(model, name))
        if (std::find(rule.columns.begin(), rule.columns.end(), scoped) == rule.columns.end()) rule.columns.push_back(scoped);
    rule.nulls = NullSemantics::not_distinct;
    if (validation.allow_blank) rule.skip_when_blank = {column};
    else if (validation.allow_nil) rule.skip_when_null = {column};
    if (validation.case_insensitive) rule.case_insensitive = {column};
    std::vector<std::string> conditions;
    if (validation.condition) conditions.push_back(*validation.condition);
    if (sti) conditions.push_back(*sti);
    if (conditions.size() == 1) rule.condition = conditions[0];
    if (conditions.size() > 1) rule.condition = "(" + join(conditions, ") AND (") + ")";
    if (!validation.conditional.empty()) rule.conditional = join(validation.conditional, ", ");
    rule.origin = validation.file + ":" + std::to_string(validation.line);
    return rule;
  }

  void import_entity(const Entity& entity) {
    if (!entity.definition.is_class || is_abstract(entity)) return;
    if (!is_model(entity)) return;
    const std::vector<Declaration> declarations = declarations_of(entity);
    if (declarations.empty()) return;
    const auto table = table_of(entity);
    if (!table) return;
    Model model;
    model.name = entity.definition.name;
    const QualifiedName name = table_name_of(*table);
    model.table = name.name;
    model.schema = name.schema_or(model.schema);
    const auto sti = type_condition(entity);
    std::size_t rules = 0;
    for (const auto& declaration : declarations) rules += declaration.validation->attributes.size();
    model.unique.reserve(rules);
    for (const auto& declaration : declarations)
      for (const auto& attribute : declaration.validation->attributes)
        model.unique.push_back(rule_for(entity, *declaration.validation, attribute, sti));
    m_result.models.push_back(std::move(model));
  }

  // Validations that reached no model: a concern no model includes, an
  // abstract class with no model below it, a class that is not a model.
  void warn_unused_declarations() {
    for (const auto& [name, entity] : m_entities) {
      const auto& validations = entity.definition.validations;
      if (validations.empty() || m_used.count(&entity) > 0) continue;
      std::string why = entity.definition.is_class ? (is_model(entity) ? "no model class inherits from it"
                                                                         : "it is not an Active Record model")
                                                   : "no model in app/models includes it";
      for (const auto& validation : validations)
        m_result.diagnostics.push_back({validation.file, validation.line,
                                        name + ": uniqueness validation not imported: " + why});
    }
  }

  std::map<std::string, Entity> m_entities;
  RailsAppConfig m_config;
  std::set<const Entity*> m_used;  // classes and modules whose validations reached a model
  std::set<std::string> m_warned_tables;
  RailsImport m_result;
};

std::string read_text(const std::string& root, const std::string& path) {
  auto text = read_file_text((std::filesystem::path(root) / path).string());
  if (!text) throw RuntimeFailure("cannot read " + (std::filesystem::path(root) / path).string());
  return std::move(*text);
}

// The .rb files under root/folder (a file or a folder), relative to root, in path order.
std::vector<std::string> ruby_paths(const std::string& root, const std::string& folder) {
  namespace fs = std::filesystem;
  const fs::path start = fs::path(root) / folder;
  std::vector<std::string> paths;
  std::error_code status;
  if (fs::is_regular_file(start, status)) paths.push_back(folder);
  if (fs::is_directory(start, status)) {
    // Paths relative to the root by cutting its prefix: fs::relative would
    // resolve symlinks with a system call per file.
    const std::size_t root_length = fs::path(root).generic_string().size();
    for (const auto& entry : fs::recursive_directory_iterator(start))
      if (entry.is_regular_file() && entry.path().extension() == ".rb") {
        std::string path = entry.path().generic_string().substr(root_length);
        while (starts_with(path, "/")) path.erase(0, 1);
        paths.push_back(path);
      }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Reading and parsing are most of an import's time, and each file is read
// on its own: files are shared out to one thread per core, each result kept
// at its file's index so that the outcome does not depend on the threads.
// `source_of(i)` gives the i-th file (it may read it from disk).
std::vector<RubyModelFile> read_all(std::size_t count, const std::function<RubySource(std::size_t)>& source_of) {
  std::vector<RubyModelFile> files(count);
  std::vector<std::exception_ptr> failures(count);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        const RubySource source = source_of(i);
        files[i] = read_ruby_models(source.second, source.first);
      } catch (...) {
        failures[i] = std::current_exception();  // rethrown below, in file order
      }
    }
  };
  const std::size_t threads = count < 64 ? 1 : std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return files;
}

}  // namespace

RailsImport import_rails_sources(const std::vector<RubySource>& models, const std::vector<RubySource>& config) {
  return Importer(read_all(models.size(), [&](std::size_t i) { return models[i]; }), read_rails_app_config(config)).run();
}

RailsImport import_rails_app(const std::string& app_root) {
  if (!std::filesystem::is_directory(std::filesystem::path(app_root) / "app" / "models"))
    throw InputError(app_root + ": no app/models folder (is it a Rails app's root?)");
  std::vector<RubySource> config;
  for (const auto& path : ruby_paths(app_root, "config/application.rb")) config.emplace_back(path, read_text(app_root, path));
  for (const auto& path : ruby_paths(app_root, "config/initializers")) config.emplace_back(path, read_text(app_root, path));
  const std::vector<std::string> models = ruby_paths(app_root, "app/models");
  const auto source_of = [&](std::size_t i) { return RubySource(models[i], read_text(app_root, models[i])); };
  return Importer(read_all(models.size(), source_of), read_rails_app_config(config)).run();
}

}  // namespace plumb
