// RailsModelImport: the uniqueness rules of a Rails app's models, read from
// app/models/**/*.rb without Ruby, as plumb's Model values.
//
// How Rails' semantics map to a uniqueness rule:
// - columns: the validated attribute, then its scope; an association's name
//   means its foreign key, a polymorphic one its _type and _id pair.
// - nulls: Rails' validation looks for an existing row with `attr IS NULL`
//   too, so without allow_nil two NULLs collide: not_distinct. `allow_nil:`
//   or `allow_blank: true` skip the check when the attribute is nil: distinct
//   (PostgreSQL's default). allow_blank's exemption of "" is not expressed.
// - case_sensitive: false compares lower(attr): case_insensitive [attr].
// - conditions: -> { where(col: value) } becomes the rule's SQL condition; a
//   validation declared in a single-table-inheritance subclass only sees its
//   own rows, so it adds `type = 'Subclass'`.
// Anything else that changes the rule (if:, unless:, a condition plumb cannot
// translate) is imported as a note and a diagnostic, never dropped.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rails/ruby_model_scanner.hpp"
#include "rules/model.hpp"

namespace plumb {

struct ImportedModel {
  Model model;
  // notes[i]: what could not be translated in model.unique[i], for comments.
  std::vector<std::vector<std::string>> notes;
};

struct RailsImport {
  std::vector<ImportedModel> models;     // models with at least one uniqueness rule, by name
  std::vector<Diagnostic> diagnostics;   // unreadable Ruby and untranslated options, in file order
};

// A Ruby source file: its path relative to the app root, and its text.
using RubySource = std::pair<std::string, std::string>;

// Imports from sources already read. Pure; never throws for bad Ruby.
RailsImport import_rails_sources(const std::vector<RubySource>& sources);

// Reads every app_root/app/models/**/*.rb, in path order, and imports them.
// Throws InputError when app_root has no app/models folder.
RailsImport import_rails_app(const std::string& app_root);

// `condition`, the body of a `conditions:` lambda, as SQL: `where(col: v)`
// chains (and `where.not`, nil, arrays, booleans, numbers, strings), or a
// plain SQL string. nullopt when it cannot be translated faithfully.
std::optional<std::string> translate_conditions(const std::string& condition);

}  // namespace plumb
