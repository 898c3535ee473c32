// The table of lint rules: id, default severity, why, squawk's name for the
// same check, and the function that checks.
#include "lint/lint_rule.hpp"

#include "util/text.hpp"

namespace plumb {

namespace {

constexpr auto k_error = Severity::error;
constexpr auto k_warning = Severity::warning;
constexpr std::nullopt_t k_off = std::nullopt;

}  // namespace

const std::vector<LintRule>& lint_rules() {
  static const std::vector<LintRule> k_rules = {
      {k_unlintable_file, k_error,
       "a file plumb cannot read or parse is not checked at all, and the files after it are checked without its effects",
       "syntax-error", nullptr, nullptr, nullptr},
      {"index-without-concurrently", k_error,
       "CREATE or DROP INDEX without CONCURRENTLY blocks writes to the table (DROP: reads too) for the whole build",
       "require-concurrent-index-creation, require-concurrent-index-deletion", index_without_concurrently, nullptr, nullptr},
      {"concurrently-in-transaction", k_error,
       "PostgreSQL refuses CONCURRENTLY (index builds, drops, REINDEX, DETACH PARTITION) inside a transaction: the deploy fails at this statement",
       "ban-concurrent-index-creation-in-transaction", concurrently_in_transaction, nullptr, nullptr},
      {"reindex-without-concurrently", k_error,
       "REINDEX without CONCURRENTLY blocks writes to the table and every read that would use the index until the rebuild ends",
       "require-concurrent-reindex", reindex_without_concurrently, nullptr, nullptr},
      {"detach-partition-without-concurrently", k_error,
       "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table: no reads or writes meanwhile",
       "require-concurrent-partition-detach", detach_partition_without_concurrently, nullptr, nullptr},
      {"unique-constraint-without-index", k_error,
       "ADD CONSTRAINT UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: no reads or writes until it is built",
       "disallowed-unique-constraint, adding-serial-primary-key-field", unique_constraint_without_index, nullptr, nullptr},
      {"constraint-without-not-valid", k_error,
       "a foreign key or check constraint added valid scans the whole table while it blocks writes",
       "adding-foreign-key-constraint, constraint-missing-not-valid", constraint_without_not_valid, nullptr, nullptr},
      {"validate-in-same-transaction", k_error,
       "a constraint added NOT VALID keeps its lock until the transaction ends, so validating it in the same transaction scans under that lock",
       "constraint-missing-not-valid", validate_in_same_transaction, nullptr, nullptr},
      {"set-not-null-without-check", k_error,
       "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) proves it",
       "adding-not-nullable-field", set_not_null_without_check, nullptr, nullptr},
      {"column-type-rewrite", k_error,
       "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
       "changing-column-type", column_type_rewrite, nullptr, nullptr},
      {"volatile-default", k_error,
       "a column added with a volatile default rewrites the whole table under an ACCESS EXCLUSIVE lock",
       "adding-field-with-default", volatile_default, nullptr, nullptr},
      {"generated-column-rewrite", k_error,
       "a column added as IDENTITY, serial or GENERATED ... STORED is computed for every existing row: the table is rewritten under an ACCESS EXCLUSIVE lock",
       "adding-field-with-default", generated_column_rewrite, nullptr, nullptr},
      {"adding-required-column", k_error,
       "a NOT NULL column without a default cannot be added to a table that has rows: the deploy fails",
       "adding-required-field", adding_required_column, nullptr, nullptr},
      {"require-timeout-settings", k_warning,
       "a statement that waits for a strong lock queues every later query on the table behind it; lock_timeout bounds the wait",
       "require-timeout-settings, require-lock-timeout", require_timeout_settings, nullptr, nullptr},
      {"drop-table", k_warning,
       "the application version still running reads and writes the table until the new one is deployed: it fails the moment this commits",
       "ban-drop-table", drop_table, nullptr, nullptr},
      {"drop-column", k_warning,
       "the application version still running (and an ORM's cached column list) uses the column: inserts and selects fail once it is gone",
       "ban-drop-column", drop_column, nullptr, nullptr},
      {"drop-database", k_error, "dropping a database from a migration destroys every table in it", "ban-drop-database", drop_database,
       nullptr, nullptr},
      {"drop-not-null", k_warning,
       "once NOT NULL is dropped, the running application may write NULLs that code reading the column does not expect",
       "ban-drop-not-null", drop_not_null, nullptr, nullptr},
      {"rename-table", k_warning, "the application version still running uses the old name: its queries fail until it is redeployed",
       "renaming-table", rename_table, nullptr, nullptr},
      {"rename-column", k_warning, "the application version still running uses the old name: its queries fail until it is redeployed",
       "renaming-column", rename_column, nullptr, nullptr},
      {"truncate-cascade", k_error,
       "TRUNCATE ... CASCADE also empties every table that references it, and the tables referencing those, which the statement does not name",
       "ban-truncate-cascade", truncate_cascade, nullptr, nullptr},
      {"transaction-nesting", k_error,
       "a BEGIN or COMMIT in a file its tool already runs in a transaction commits part of the migration early: a failure later leaves it half-done",
       "transaction-nesting", transaction_nesting, nullptr, nullptr},
      {"uncommitted-transaction", k_error,
       "a BEGIN with no COMMIT leaves the transaction open: the tool commits or rolls it back, not the file",
       "ban-uncommitted-transaction", nullptr, uncommitted_transaction, nullptr},
      {"robust-statements", k_warning,
       "a migration outside a transaction that fails halfway is re-run from the start: statements that already ran must not fail the second time",
       "prefer-robust-stmts", robust_statements, nullptr, nullptr},
      {"alter-domain-add-constraint", k_error,
       "ALTER DOMAIN ADD CONSTRAINT checks every column of every table that uses the domain while it locks them",
       "ban-alter-domain-with-add-constraint", alter_domain_add_constraint, nullptr, nullptr},
      {"create-domain-with-constraint", k_off,
       "a domain's check constraint can later change only by re-checking every column that uses the domain",
       "ban-create-domain-with-constraint", create_domain_with_constraint, nullptr, nullptr},
      {"enum-value-ordering", k_off,
       "ALTER TYPE ... ADD VALUE without BEFORE or AFTER puts the value last, which changes what < and ORDER BY mean for it",
       "require-enum-value-ordering", enum_value_ordering, nullptr, nullptr},
      {"prefer-bigint", k_off, "an int or smallint key runs out (2^31 rows) and widening it later rewrites the table",
       "prefer-bigint-over-int, prefer-bigint-over-smallint", prefer_bigint, nullptr, nullptr},
      {"prefer-identity", k_off, "serial columns own a sequence with odd permissions and dump behaviour; identity columns are the SQL standard",
       "prefer-identity", prefer_identity, nullptr, nullptr},
      {"prefer-timestamptz", k_off, "timestamp without time zone stores wall-clock times whose zone depends on who wrote them",
       "prefer-timestamptz", prefer_timestamptz, nullptr, nullptr},
      {"prefer-text", k_off, "changing a varchar(n) limit later takes an ACCESS EXCLUSIVE lock; text with a CHECK can change without one",
       "prefer-text-field", prefer_text, nullptr, nullptr},
      {"ban-char", k_off, "char(n) pads with spaces, which comparisons and lengths then treat in surprising ways",
       "ban-char-field", ban_char, nullptr, nullptr},
      {"model-object-removed", k_error,
       "the running application still reads and writes what the models name: it fails the moment the migration commits",
       "ban-drop-column, ban-drop-table, renaming-column, renaming-table", model_object_removed, nullptr, nullptr},
      {"unique-stricter-than-model", k_error,
       "a unique index stricter than every uniqueness rule of the model rejects rows the application creates: inserts it thought valid fail",
       "", unique_stricter_than_model, nullptr, nullptr},
      {"model-rule-unenforced", k_warning,
       "a uniqueness rule checked only by the application races: two concurrent requests both pass the check", "", nullptr, nullptr,
       model_rule_unenforced},
      {"identifier-too-long", k_error,
       "PostgreSQL silently truncates identifiers to 63 bytes: two long names can collide and the name in the migration is not the one in the catalog",
       "identifier-too-long", identifier_too_long, nullptr, nullptr},
      {"index-name-hash-suffix", k_warning,
       "a generated hash suffix (Rails' idx_on_..._6d6ef495e6) hides which columns an index covers when it fails in production", "",
       index_name_hash_suffix, nullptr, nullptr},
  };
  return k_rules;
}

const LintRule* find_lint_rule(const std::string& id) {
  for (const auto& rule : lint_rules())
    if (rule.id == id) return &rule;
  return nullptr;
}

std::string known_lint_rule_ids() {
  std::vector<std::string> ids;
  for (const auto& rule : lint_rules()) ids.push_back(rule.id);
  return join(ids, ", ");
}

Finding lint_finding(const std::string& object, const std::string& message, const std::string& fix) {
  Finding finding;
  finding.object = object;
  finding.message = message;
  finding.fix = fix;
  finding.key = object;
  return finding;
}

}  // namespace plumb
