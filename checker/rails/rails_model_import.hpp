// RailsModelImport: the uniqueness rules of a Rails app's models, read from
// app/models/**/*.rb (and the table-name settings of config/) without Ruby,
// as plumb's Model values, with Rails' own rules for classes and tables.
//
// How Rails' semantics map to a uniqueness rule (../shared/models-format.md):
// - columns: the validated attribute, then its scope; an association's name
//   means its foreign key (a polymorphic scope: its _type and _id pair).
// - nulls: not_distinct, since Rails looks for an existing row with
//   `attr IS NULL` too; allow_nil is skip_when_null, allow_blank
//   skip_when_blank, on the validated attribute's columns.
// - case_sensitive: false compares lower(attr): case_insensitive [attr].
// - conditions: -> { where(...) } becomes `where` when it translates to SQL;
//   if:/unless:/on: and untranslatable conditions become `conditional`.
// - the table: self.table_name, else the module's or class's
//   table_name_prefix, a model parent's singular table, the underscored and
//   pluralized class name (with the app's inflections), the suffix.
// - single-table inheritance: a rule declared on a subclass covers its rows
//   and those of its descendants (`type IN (...)`); the base class's rule
//   has no type condition. An abstract class's and a concern's rules apply
//   to each model that inherits or includes them.
// Whatever changes a rule and cannot be translated is a Diagnostic naming
// the model and file:line; nothing is dropped silently.
#pragma once

#include <string>
#include <vector>

#include "rails/rails_app_config.hpp"
#include "rails/ruby_model_reader.hpp"
#include "vocabulary/model.hpp"

namespace plumb {

struct RailsImport {
  std::vector<Model> models;             // models with at least one uniqueness rule, by name
  std::vector<Diagnostic> diagnostics;   // by file and line
};

// Imports from sources already read: `models` from app/models, `config`
// from config/initializers and config/application.rb. Pure; never throws
// for bad Ruby.
RailsImport import_rails_sources(const std::vector<RubySource>& models, const std::vector<RubySource>& config = {});

// Reads every app_root/app/models/**/*.rb and the config files, in path
// order, and imports them. Throws InputError when app_root has no app/models
// folder, RuntimeFailure when a file cannot be read.
RailsImport import_rails_app(const std::string& app_root);

}  // namespace plumb
