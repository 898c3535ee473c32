// LintRule: one static check of migration files, with its id, severity, the
// one-line reason it exists and the safe alternative, in one table in the
// manner of the check kinds. Statement rules look at one statement against
// the schema replayed so far; folder rules look at the folder's final state.
#pragma once

#include <string>
#include <vector>

#include "lint/migration_folder.hpp"
#include "lint/schema_replay.hpp"
#include "rules/finding.hpp"
#include "rules/model.hpp"

namespace plumb {

// What a statement rule sees.
struct StatementContext {
  const LintMigration& migration;
  const SqlStatement& statement;
  const SchemaReplay& before;  // the schema just before the statement
  const SchemaReplay& final;   // the schema after the whole folder
  const std::vector<Model>& models;
};

// What a folder rule sees: the schema after the whole folder.
struct FolderContext {
  const SchemaReplay& final;
  const std::vector<Model>& models;
};

struct LintRule {
  const char* id;
  Severity severity;
  const char* reason;  // why the rule exists, one line (the finding's "why")
  // One of the two is set. Findings carry object, message, fix and key; the
  // runner fills in severity, why and the statement's location.
  std::vector<Finding> (*check_statement)(const StatementContext& context);
  std::vector<Finding> (*check_folder)(const FolderContext& context);
};

// Every lint rule, in report order.
const std::vector<LintRule>& lint_rules();

// The rule with `id`, or nullptr.
const LintRule* find_lint_rule(const std::string& id);

// The rule families, one file each (listed in lint_rules.cpp).
std::vector<Finding> index_without_concurrently(const StatementContext& context);   // index_locking.cpp
std::vector<Finding> concurrently_in_transaction(const StatementContext& context);  // index_locking.cpp
std::vector<Finding> unique_constraint_without_index(const StatementContext& context);  // table_rewrites.cpp
std::vector<Finding> constraint_without_not_valid(const StatementContext& context);     // table_rewrites.cpp
std::vector<Finding> set_not_null_without_check(const StatementContext& context);       // table_rewrites.cpp
std::vector<Finding> column_type_rewrite(const StatementContext& context);              // table_rewrites.cpp
std::vector<Finding> volatile_default(const StatementContext& context);                 // table_rewrites.cpp
std::vector<Finding> model_object_removed(const StatementContext& context);       // model_rules.cpp
std::vector<Finding> unique_stricter_than_model(const StatementContext& context); // model_rules.cpp
std::vector<Finding> model_rule_unenforced(const FolderContext& context);         // model_rules.cpp
std::vector<Finding> identifier_too_long(const StatementContext& context);        // identifier_rules.cpp
std::vector<Finding> index_name_hash_suffix(const StatementContext& context);     // identifier_rules.cpp

}  // namespace plumb
