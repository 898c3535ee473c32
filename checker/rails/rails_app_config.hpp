// RailsAppConfig: the app-wide settings that change table names, read from
// config/initializers (the `inflections` block: acronym, irregular, plural,
// singular, uncountable) and config/application.rb
// (config.active_record.pluralize_table_names, table_name_prefix/suffix).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rails/rails_inflector.hpp"
#include "rails/ruby_model_reader.hpp"

namespace plumb {

struct RailsAppConfig {
  RailsInflector inflector;
  std::optional<bool> pluralize_table_names;
  std::optional<std::string> table_name_prefix;
  std::optional<std::string> table_name_suffix;
  std::vector<Diagnostic> diagnostics;  // inflection rules plumb cannot read
};

// A Ruby source file: its path relative to the app root, and its text.
using RubySource = std::pair<std::string, std::string>;

// Reads the settings from `files` (initializers and application.rb), in
// order; later rules win, as when Rails loads them. Never throws for bad Ruby.
RailsAppConfig read_rails_app_config(const std::vector<RubySource>& files);

}  // namespace plumb
