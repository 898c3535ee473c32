// RubyModelScanner: reads one Ruby model file, without Ruby, into the
// declarations plumb needs (classes and their parents, table names,
// belongs_to, uniqueness validations), and tolerates what it cannot parse:
// each such place becomes a Diagnostic with file and line, never a crash.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rails/ruby_value.hpp"

namespace plumb {

// Something in a Ruby file that plumb could not read or translate.
struct Diagnostic {
  std::string file;  // as given to the scanner, e.g. "app/models/member.rb"
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

// A `validates ..., uniqueness:` or `validates_uniqueness_of` statement.
struct RubyUniquenessValidation {
  std::vector<std::string> attributes;
  RubyValue options;  // hash: the uniqueness options merged with the statement's own (allow_nil, if, ...)
  int line = 0;
};

struct RubyClass {
  std::string name;                       // with its modules: "Admin::User"
  std::vector<std::string> enclosing;     // the modules and classes around it, outermost first
  std::string parent;                     // as written: "ApplicationRecord", "::User", "" for none
  std::optional<std::string> table_name;  // self.table_name = "..."
  std::optional<std::string> table_name_prefix;
  std::optional<std::string> table_name_suffix;
  std::optional<std::string> inheritance_column;  // self.inheritance_column = "kind"
  bool abstract_class = false;
  std::vector<RubyAssociation> associations;
  std::vector<RubyUniquenessValidation> validations;
  std::string file;
  int line = 0;
};

// A module that sets table_name_prefix or table_name_suffix for the models inside it.
struct RubyNamespace {
  std::string name;  // "Admin"
  std::optional<std::string> table_name_prefix;
  std::optional<std::string> table_name_suffix;
};

struct RubyModelFile {
  std::vector<RubyClass> classes;
  std::vector<RubyNamespace> namespaces;
  std::vector<Diagnostic> diagnostics;
};

// Scans `source`, the text of the file named `file` (used in diagnostics).
// Never throws for bad Ruby: what it cannot read is a diagnostic, and the
// statement is skipped.
RubyModelFile scan_ruby_models(const std::string& source, const std::string& file);

}  // namespace plumb
