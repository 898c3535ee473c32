// Rule: one entry of a rules file's `rules` list, as loaded: the keys every
// rule has, and its kind's own keys as a typed spec, read and checked once
// by the loader. Nothing past the loader reads the YAML again.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/source_location.hpp"
#include "vocabulary/finding.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

// SQL a rules file holds (a `where` condition, a `sql` rule's query): user
// SQL by design, checked with PostgreSQL's parser when loaded.
struct UserSql {
  std::string key;           // "where" or "query": what the text must be
  std::string text;
  SourceLocation location;   // where the key's value is, for errors about it
};

// `where` as a list of user SQL: empty when the rule has none.
inline std::vector<UserSql> user_sql_of(const std::optional<UserSql>& where) {
  return where ? std::vector<UserSql>{*where} : std::vector<UserSql>{};
}

// A condition as it goes into a statement: in parentheses, the closing one
// on a line of its own so that a trailing `-- comment` cannot swallow it.
// sql_fragment checks every condition in these very parentheses.
inline std::string parenthesised_condition(const std::string& condition) { return "(" + condition + "\n)"; }

// What a check kind read from a rule's own keys. Each kind derives its own
// (StaleRowsSpec, DuplicatesSpec...) and finds it again in run().
// A table a data rule reads and the columns it names there, so that a
// missing one is said in plain words before any rule SQL runs.
struct NamedColumns {
  QualifiedName table;
  std::vector<std::string> columns;
};

struct RuleSpec {
  virtual ~RuleSpec() = default;
  // The tables and columns the rule names; none by default.
  virtual std::vector<NamedColumns> named_columns() const { return {}; }
  // The user SQL of the rule, for the guard that looks up what it calls
  // before any rule runs; none by default.
  virtual std::vector<UserSql> user_sql() const { return {}; }
};

struct Rule {
  std::string id;
  std::string check;  // the check kind's name, e.g. "stale_rows"
  Severity severity = Severity::error;
  std::vector<std::string> tags;
  std::string description;
  SourceLocation location;  // the rule's first line in its file
  // The rule's own `timeout:`; the run's statement timeout when absent.
  std::optional<std::chrono::milliseconds> timeout;
  // `samples: false` keeps the rule's rows out of every report (tables whose
  // rows must not reach a CI log).
  bool samples = true;
  // The kind's spec; set for every rule the loader returns.
  std::shared_ptr<const RuleSpec> spec;

  // The spec as the kind's own type, or nullptr when it is another kind's.
  template <typename Spec>
  const Spec* spec_if() const {
    return dynamic_cast<const Spec*>(spec.get());
  }
  // As spec_if, for a kind running its own rule: a mismatch is a bug
  // (std::logic_error), never a user's mistake.
  template <typename Spec>
  const Spec& spec_as() const {
    if (const Spec* typed = spec_if<Spec>()) return *typed;
    throw std::logic_error("rule '" + id + "': its spec is not a " + check + " spec");
  }
};

}  // namespace plumb
