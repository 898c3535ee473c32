// RubyModelReader: one Ruby file of app/models, parsed by tree-sitter, read
// into the declarations plumb needs: classes and modules (parents, table
// names, includes, belongs_to), their uniqueness validations (`validates`,
// `validates_uniqueness_of`, Devise's :validatable, concerns' `included do`),
// and a Diagnostic for every `uniqueness` in the code that does not become
// one, so that nothing is dropped silently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rails/ruby_value.hpp"

namespace plumb {

// Something in a Ruby file that changes the uniqueness rules and that plumb
// could not read or translate.
struct Diagnostic {
  std::string file;  // as given to the reader, e.g. "app/models/member.rb"
  int line = 0;
  std::string message;

  std::string to_string() const { return file + ":" + std::to_string(line) + ": " + message; }
};

struct RubyAssociation {
  std::string name;          // belongs_to :workshop -> "workshop"
  bool polymorphic = false;
  std::string foreign_key;   // "workshop_id", or the foreign_key: option
  std::string foreign_type;  // polymorphic only: "invitation_type"
};

// One attribute list's uniqueness validation, its options already read.
struct RubyUniquenessValidation {
  std::vector<std::string> attributes;  // as named: a column or an association
  std::vector<std::string> scope;       // as named
  bool case_insensitive = false;        // case_sensitive: false
  bool allow_nil = false;
  bool allow_blank = false;
  std::optional<std::string> condition;  // `conditions:` translated to SQL
  std::vector<std::string> conditional;  // app code the database cannot mirror: "if: :x?", untranslated conditions
  std::string file;
  int line = 0;
};

// A class or module definition (a reopened one is a second definition).
struct RubyDefinition {
  bool is_class = true;
  std::string name;                         // with its modules: "Admin::GitHubUser"
  std::vector<std::string> lexical_scopes;  // the definitions it is written in, outermost first
  std::string parent;                       // as written: "ApplicationRecord", "::User", "" for none
  std::optional<std::vector<RubyTextPart>> table_name;  // self.table_name = "..." or def self.table_name
  std::string unreadable_table_name;  // the source of a table name plumb cannot evaluate
  std::optional<std::string> table_name_prefix;
  std::optional<std::string> table_name_suffix;
  std::optional<std::string> inheritance_column;  // "" when set to nil (no single-table inheritance)
  std::optional<bool> pluralize_table_names;
  bool abstract_class = false;  // self.abstract_class = true or primary_abstract_class
  std::vector<RubyAssociation> associations;
  std::vector<RubyUniquenessValidation> validations;  // a module's: those of its `included do` block
  std::vector<std::string> includes;                  // modules included, as written
  std::string file;
  int line = 0;
};

struct RubyModelFile {
  std::string file;
  std::vector<RubyDefinition> definitions;
  std::vector<Diagnostic> diagnostics;
  int syntax_error_line = 0;  // the first line tree-sitter could not parse; 0 when it parsed
};

// Reads `source`, the text of the file named `file` (used in diagnostics).
// Never throws for bad Ruby: a statement with a syntax error is skipped, and
// a diagnostic says so when it declared uniqueness.
RubyModelFile read_ruby_models(const std::string& source, const std::string& file);

}  // namespace plumb
