// RailsInflector: table names as Rails derives them from class names, with
// ActiveSupport's default English inflection rules (no app-specific ones).
#pragma once

#include <string>

namespace plumb {

// "InvitationLogEntry" -> "invitation_log_entry", "HTMLPage" -> "html_page"
// (ActiveSupport's String#underscore, after `::` is dropped by the caller).
std::string underscore(const std::string& camel_case);

// The plural of the last word of `word`, by ActiveSupport's default rules:
// "entry" -> "entries", "person" -> "people", "status" -> "statuses",
// "equipment" -> "equipment".
std::string pluralize(const std::string& word);

// The table of a model class with no table_name of its own: the last part of
// "Admin::InvitationLogEntry", underscored and pluralized.
std::string table_name_for_class(const std::string& class_name);

}  // namespace plumb
