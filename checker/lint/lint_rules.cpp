// The table of lint rules: id, severity, why, and the function that checks.
#include "lint/lint_rule.hpp"

namespace plumb {

const std::vector<LintRule>& lint_rules() {
  static const std::vector<LintRule> k_rules = {
      {"index-without-concurrently", Severity::error,
       "CREATE or DROP INDEX without CONCURRENTLY blocks writes to the table (DROP: reads too) for the whole build",
       index_without_concurrently, nullptr},
      {"concurrently-in-transaction", Severity::error,
       "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction: the deploy fails at this statement",
       concurrently_in_transaction, nullptr},
      {"unique-constraint-without-index", Severity::error,
       "ADD CONSTRAINT UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: no reads or writes until it is built",
       unique_constraint_without_index, nullptr},
      {"constraint-without-not-valid", Severity::error,
       "a foreign key or check constraint added valid scans the whole table while it blocks writes",
       constraint_without_not_valid, nullptr},
      {"set-not-null-without-check", Severity::error,
       "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) proves it",
       set_not_null_without_check, nullptr},
      {"column-type-rewrite", Severity::error,
       "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
       column_type_rewrite, nullptr},
      {"volatile-default", Severity::error,
       "a column added with a volatile default rewrites the whole table under an ACCESS EXCLUSIVE lock",
       volatile_default, nullptr},
      {"model-object-removed", Severity::error,
       "the running application still reads and writes what the models name: it fails the moment the migration commits",
       model_object_removed, nullptr},
      {"unique-stricter-than-model", Severity::error,
       "a unique index stricter than every uniqueness rule of the model rejects rows the application creates (the incident of 2026-04-10)",
       unique_stricter_than_model, nullptr},
      {"model-rule-unenforced", Severity::warning,
       "a uniqueness rule checked only by the application races: two concurrent requests both pass the check",
       nullptr, model_rule_unenforced},
      {"identifier-too-long", Severity::error,
       "PostgreSQL silently truncates identifiers to 63 bytes: two long names can collide and the name in the migration is not the one in the catalog",
       identifier_too_long, nullptr},
      {"index-name-hash-suffix", Severity::warning,
       "a generated hash suffix (Rails' idx_on_..._6d6ef495e6) hides which columns an index covers when it fails in production",
       index_name_hash_suffix, nullptr},
  };
  return k_rules;
}

const LintRule* find_lint_rule(const std::string& id) {
  for (const auto& rule : lint_rules())
    if (rule.id == id) return &rule;
  return nullptr;
}

}  // namespace plumb
