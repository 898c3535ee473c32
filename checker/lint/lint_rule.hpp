// LintRule: one static check of migration files, with its id, default
// severity, the one-line reason it exists and squawk's name for the same
// check, in one table in the manner of the check kinds. Statement rules look
// at one statement against the schema replayed so far and what the file has
// done before it; migration rules look at a whole file once it is read;
// folder rules look at the folder's final state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/migration_folder.hpp"
#include "lint/migration_progress.hpp"
#include "lint/schema_replay.hpp"
#include "vocabulary/finding.hpp"
#include "vocabulary/model.hpp"

namespace plumb {

// What a statement rule sees.
struct StatementContext {
  const LintMigration& migration;
  const SqlStatement& statement;
  const SchemaReplay& before;           // the schema just before the statement
  const SchemaReplay& final;            // the schema after the whole folder
  const std::vector<Model>& models;
  const MigrationProgress& progress;    // what the file's statements before this one did
};

// Looks at one ALTER TABLE command (libpg_query's AlterTableCmd) of `table`;
// a finding, or nullopt.
using AlterCommandCheck = std::function<std::optional<Finding>(const std::string& table, const nlohmann::json& command)>;

// Runs `check` on each ALTER TABLE command of the statement, when its table
// existed before the migration: a table created by the same migration is
// empty and unused, so nothing waits on its lock. (Defined in table_rewrites.cpp.)
std::vector<Finding> each_alter_command(const StatementContext& context, const AlterCommandCheck& check);

// What a migration rule sees, after the file's last statement.
struct MigrationContext {
  const LintMigration& migration;
  const MigrationProgress& progress;
};

// What a folder rule sees: the schema after the whole folder.
struct FolderContext {
  const SchemaReplay& final;
  const std::vector<Model>& models;
};

struct LintRule {
  const char* id;
  // The severity when the user does not choose one; nullopt: off unless
  // turned on (the style rules: a choice of the team, not a hazard).
  std::optional<Severity> severity;
  const char* reason;  // why the rule exists, one line (the finding's "why")
  const char* squawk;  // squawk's rule id(s) for the same check, "" when squawk has none
  // At most one is set (none for unlintable-file, which the runner fills).
  // Findings carry object, message, fix and key; the runner fills in
  // severity, why and the statement's location.
  std::vector<Finding> (*check_statement)(const StatementContext& context);
  std::vector<Finding> (*check_migration)(const MigrationContext& context);
  std::vector<Finding> (*check_folder)(const FolderContext& context);
};

// The id of the rule under which a file that could not be read or parsed is reported.
constexpr const char* k_unlintable_file = "unlintable-file";

// Every lint rule, in report order.
const std::vector<LintRule>& lint_rules();

// The rule with `id`, or nullptr.
const LintRule* find_lint_rule(const std::string& id);

// "a, b, c": every rule id, for messages that refuse an unknown one.
std::string known_lint_rule_ids();

// A finding on `object` whose key is the object itself.
Finding lint_finding(const std::string& object, const std::string& message, const std::string& fix);

// The rule families, one file each (listed in lint_rules.cpp).
std::vector<Finding> index_without_concurrently(const StatementContext& context);      // index_locking.cpp
std::vector<Finding> concurrently_in_transaction(const StatementContext& context);     // index_locking.cpp
std::vector<Finding> reindex_without_concurrently(const StatementContext& context);    // index_locking.cpp
std::vector<Finding> detach_partition_without_concurrently(const StatementContext& context);  // index_locking.cpp
std::vector<Finding> unique_constraint_without_index(const StatementContext& context);  // table_rewrites.cpp
std::vector<Finding> constraint_without_not_valid(const StatementContext& context);     // table_rewrites.cpp
std::vector<Finding> set_not_null_without_check(const StatementContext& context);       // table_rewrites.cpp
std::vector<Finding> column_type_rewrite(const StatementContext& context);              // table_rewrites.cpp
std::vector<Finding> volatile_default(const StatementContext& context);                 // table_rewrites.cpp
std::vector<Finding> generated_column_rewrite(const StatementContext& context);         // table_rewrites.cpp
std::vector<Finding> adding_required_column(const StatementContext& context);           // table_rewrites.cpp
std::vector<Finding> drop_table(const StatementContext& context);            // destructive_changes.cpp
std::vector<Finding> drop_column(const StatementContext& context);           // destructive_changes.cpp
std::vector<Finding> drop_database(const StatementContext& context);         // destructive_changes.cpp
std::vector<Finding> drop_not_null(const StatementContext& context);         // destructive_changes.cpp
std::vector<Finding> rename_table(const StatementContext& context);          // destructive_changes.cpp
std::vector<Finding> rename_column(const StatementContext& context);         // destructive_changes.cpp
std::vector<Finding> truncate_cascade(const StatementContext& context);      // destructive_changes.cpp
std::vector<Finding> transaction_nesting(const StatementContext& context);          // transaction_rules.cpp
std::vector<Finding> uncommitted_transaction(const MigrationContext& context);      // transaction_rules.cpp
std::vector<Finding> validate_in_same_transaction(const StatementContext& context); // transaction_rules.cpp
std::vector<Finding> require_timeout_settings(const StatementContext& context);     // transaction_rules.cpp
std::vector<Finding> robust_statements(const StatementContext& context);            // transaction_rules.cpp
std::vector<Finding> alter_domain_add_constraint(const StatementContext& context);   // type_rules.cpp
std::vector<Finding> create_domain_with_constraint(const StatementContext& context); // type_rules.cpp
std::vector<Finding> enum_value_ordering(const StatementContext& context);           // type_rules.cpp
std::vector<Finding> prefer_bigint(const StatementContext& context);                 // type_rules.cpp
std::vector<Finding> prefer_identity(const StatementContext& context);               // type_rules.cpp
std::vector<Finding> prefer_timestamptz(const StatementContext& context);            // type_rules.cpp
std::vector<Finding> prefer_text(const StatementContext& context);                   // type_rules.cpp
std::vector<Finding> ban_char(const StatementContext& context);                      // type_rules.cpp
std::vector<Finding> model_object_removed(const StatementContext& context);       // model_rules.cpp
std::vector<Finding> unique_stricter_than_model(const StatementContext& context); // model_rules.cpp
std::vector<Finding> model_rule_unenforced(const FolderContext& context);         // model_rules.cpp
std::vector<Finding> identifier_too_long(const StatementContext& context);        // identifier_rules.cpp
std::vector<Finding> index_name_hash_suffix(const StatementContext& context);     // identifier_rules.cpp

}  // namespace plumb
