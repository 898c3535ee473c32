// ActiveRecordConditions: the body of a uniqueness validation's
// `conditions: -> { ... }` as SQL, when it is a chain of where(...) and
// where.not(...) calls simple enough to translate faithfully.
#pragma once

#include <optional>
#include <string>

#include "rails/ruby_syntax_tree.hpp"

namespace plumb {

// `body`, a lambda's single statement: where(col: value) chains (and
// where.not; nil, arrays, booleans, numbers, strings and symbols as values),
// or where("plain SQL") with no placeholder or interpolation. nullopt when it
// cannot be translated faithfully (a scope name, a range, a placeholder...).
std::optional<std::string> conditions_sql(RubyNode body);

// The same for Ruby source text, e.g. "where(deleted_at: nil)".
std::optional<std::string> translate_conditions(const std::string& ruby);

}  // namespace plumb
