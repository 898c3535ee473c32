// CheckRunner: runs the rules of a RuleSet against one database. Reads the
// catalog snapshot once, then runs each rule in a READ ONLY transaction of
// its own with a statement and lock timeout, so that one slow or broken rule
// cannot stop the others; with `jobs` above 1, on that many connections at once.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "db/connection_settings.hpp"
#include "rules/check_progress.hpp"
#include "rules/rule_loader.hpp"
#include "schema/schema_snapshot.hpp"
#include "vocabulary/check_report.hpp"

namespace plumb {

struct CheckOptions {
  // Rule ids or tags to run (`--only`); empty runs every rule.
  std::vector<std::string> only;
  // statement_timeout of each rule unless it sets `timeout:` itself.
  std::chrono::milliseconds statement_timeout{30'000};
  // lock_timeout of each rule: a check waits this long behind a migration's
  // lock, then fails rather than queue other sessions behind it.
  std::chrono::milliseconds lock_timeout{5'000};
  // Sample rows per finding; 0 sends none (`--no-samples`). A rule with
  // `samples: false` gets none whatever this says.
  int sample_limit = 10;
  // Rules run at once, each worker on a connection of its own (`--jobs`).
  int jobs = 1;
  // A role each rule's transaction switches to (`--role`, SET LOCAL ROLE),
  // e.g. one granted only pg_read_all_data; empty keeps the login role.
  std::string role;
  // Volatile functions the rules may call anyway (`--allow-volatile`), each
  // checked by require_allowable(); see volatile_function_guard.hpp.
  std::vector<std::string> allowed_volatile;
  // Check kinds not to run, each with the reason its rules report (status
  // skipped): stale_rows on a replica whose replay lags, where old state
  // would pass for a stuck batch.
  std::map<std::string, std::string> skipped_kinds;
};

// The rules `options.only` selects, in file order. Throws InputError when an
// --only value names no rule id and no tag.
std::vector<Rule> select_rules(const RuleSet& rules, const std::vector<std::string>& only);

// Runs one rule in its own READ ONLY transaction on `connection`, which
// always ends in ROLLBACK: a check keeps nothing, even what a function it
// calls wrote. Never throws for
// the rule's own failures: a statement timeout (SQLSTATE 57014) becomes
// RuleStatus::timed_out, any other database error RuleStatus::error. Keeps
// no state between calls.
RuleResult run_rule(pqxx::connection& connection, const Rule& rule, const std::vector<Model>& models,
                    const SchemaSnapshot& schema, const CheckOptions& options);

// Refuses rules that call volatile functions (InputError, before any rule
// runs: refuse_volatile_calls), warns when connected as a superuser, reads
// the snapshot, then runs the selected rules one after the other on
// `connection` (options.jobs is not used: there is one connection). Results
// are in file order. Throws RuntimeFailure (or what pqxx throws) only when
// the snapshot cannot be read or the connection breaks.
CheckReport run_checks(pqxx::connection& connection, const RuleSet& rules, const CheckOptions& options,
                       CheckProgress* progress = nullptr);

// As above, but connects with `settings`, and with options.jobs above 1 runs
// that many rules at once, each worker on a connection of its own, sharing
// the one snapshot. Results are in file order whatever finishes first.
// Throws RuntimeFailure when a connection cannot be opened or breaks; the
// other workers then stop after their current rule.
CheckReport run_checks(const ConnectionSettings& settings, const RuleSet& rules, const CheckOptions& options,
                       CheckProgress* progress = nullptr);

}  // namespace plumb
