// YamlHygiene: what yaml-cpp lets through that a rules file must not hold:
// a key given twice (yaml-cpp keeps the first, most YAML readers the last,
// so a reviewer may read another rule than the one that runs), control
// characters in keys, ids and names (printed raw into reports), and a quote
// left open (yaml-cpp reads on into the next keys and then reports
// something missing elsewhere).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace plumb {

// A problem at a place of the file, 1-based.
struct YamlProblem {
  int line = 0;
  int column = 0;
  std::string message;
};

// The first key that a mapping of `document` (at any depth) gives twice, at
// its second occurrence, the message naming the first: "duplicate key 'id'
// (first given at file:3:5)". nullopt when there is none.
std::optional<YamlProblem> duplicate_key(const YAML::Node& document, const std::string& file);

// The first control character (C0 or DEL) in a key or in a name-like value
// (ids, tags, tables, columns: anything but `description`, `query` and
// `where`), tab aside; in those three, only NUL and C0 other than tab, line
// feed and carriage return. nullopt when there is none.
std::optional<YamlProblem> control_character(const YAML::Node& document);

// The first quoted string of `text` that is never closed, or whose next
// lines are indented no deeper than the key that holds it (YAML requires
// deeper; yaml-cpp reads on regardless): the place where its quote opened.
// Block scalars (`|`, `>`) and comments are skipped. nullopt when every
// quote closes.
std::optional<YamlProblem> unclosed_quote(const std::string& text);

}  // namespace plumb
