// RuleOptions: a rule's own keys as its YAML holds them, while the loader
// reads them into the kind's spec: typed getters whose errors point at the
// offending place in the rules file ("file:line:column: rule 'x': ...").
// Check kinds use it in validate() only; run() reads the spec.
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "util/errors.hpp"
#include "util/source_location.hpp"
#include "vocabulary/qualified_name.hpp"
#include "vocabulary/rule.hpp"
#include "vocabulary/stale_rows_spec.hpp"

namespace plumb {

// Where `node` sits in the file `file` (yaml-cpp counts from 0, we from 1).
SourceLocation location_of(const std::string& file, const YAML::Node& node);

class RuleOptions {
 public:
  // `entry` is the rule's whole mapping; `rule` has its common keys read.
  RuleOptions(const Rule& rule, YAML::Node entry) : m_rule(rule), m_entry(std::move(entry)) {}

  const Rule& rule() const { return m_rule; }
  bool has(const std::string& key) const { return m_entry[key].IsDefined(); }

  // Where `key`'s value is; the rule's own place when the key is absent.
  SourceLocation location(const std::string& key) const;
  // An InputError "rule 'ID': message" at `key` (at the rule when absent).
  // The loader adds the line and caret.
  InputError error(const std::string& key, const std::string& message) const;

  // The text of `key`. Throws InputError at the rule when the key is missing,
  // and at the key when it is not a non-empty string.
  std::string required_text(const std::string& key) const;
  // As required_text, but nullopt when the key is absent.
  std::optional<std::string> optional_text(const std::string& key) const;
  // The strings of list `key`, e.g. `columns: [a, b]`; empty when the key is
  // absent and not `required`. Throws InputError when the key is missing (and
  // `required`), is not a list of non-empty strings, or is an empty list.
  std::vector<std::string> text_list(const std::string& key, bool required) const;
  // `key` as [SCHEMA.]NAME; nullopt when absent and not `required`.
  std::optional<QualifiedName> table(const std::string& key, bool required) const;
  // `key` as a duration such as 30m.
  std::chrono::milliseconds duration(const std::string& key) const;
  // The user SQL of `key`, unchecked (data_rule_options checks it); nullopt when absent.
  std::optional<UserSql> sql(const std::string& key) const;
  // A stale_rows rule's `sweep:` block, the one key that is a mapping;
  // nullopt when absent.
  std::optional<SweepSpec> sweep() const;

 private:
  YAML::Node required_key(const std::string& key) const;
  std::string text_of(const YAML::Node& node, const std::string& label) const;
  InputError error_at(const YAML::Node& node, const std::string& message) const;

  const Rule& m_rule;
  YAML::Node m_entry;
};

}  // namespace plumb
