// CheckRunner: runs the rules of a RuleSet against one database. Reads the
// catalog snapshot once, then runs each rule in a READ ONLY transaction of
// its own with a statement and lock timeout, so that one slow or broken rule
// cannot stop the others.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <string>
#include <vector>

#include "rules/check_report.hpp"
#include "rules/rule_loader.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

struct CheckOptions {
  // Rule ids or tags to run (`--only`); empty runs every rule.
  std::vector<std::string> only;
  // statement_timeout of each rule unless it sets `timeout:` itself.
  std::chrono::milliseconds statement_timeout{30'000};
  // lock_timeout of each rule: a check waits this long behind a migration's
  // lock, then fails rather than queue other sessions behind it.
  std::chrono::milliseconds lock_timeout{5'000};
  int sample_limit = 10;
};

// The rules `options.only` selects, in file order. Throws InputError when an
// --only value names no rule id and no tag.
std::vector<Rule> select_rules(const RuleSet& rules, const std::vector<std::string>& only);

// Runs one rule in its own transaction on `connection`. Never throws for
// the rule's own failures: a statement timeout (SQLSTATE 57014) becomes
// RuleStatus::timed_out, any other database error RuleStatus::error. Keeps
// no state between calls.
RuleResult run_rule(pqxx::connection& connection, const Rule& rule, const std::vector<Model>& models,
                    const SchemaSnapshot& schema, const CheckOptions& options);

// Reads the snapshot, then runs the selected rules one after the other.
// Throws RuntimeFailure (or what pqxx throws) only when the snapshot cannot
// be read or the connection breaks.
CheckReport run_checks(pqxx::connection& connection, const RuleSet& rules, const CheckOptions& options);

}  // namespace plumb
