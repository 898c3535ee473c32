// SchemaScope: what the schema check kinds share: which tables a rule's
// `table:` key selects, how an index is named in findings, and the SQL of
// the fixes they suggest.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/check_kind.hpp"
#include "schema/schema_snapshot.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

// The snapshot of `context`. Throws RuntimeFailure when the runner read none
// (a bug: schema kinds always need it).
const SchemaSnapshot& schema_of(const CheckContext& context);

// The spec of a kind whose one key is an optional `table:`, the scope it
// judges (redundant_indexes, no_invalid_indexes, unique_indexes_match_model).
struct TableScopeSpec : RuleSpec {
  std::optional<QualifiedName> table;  // every table when absent
};

// Reads the optional `table:` of a rule into its TableScopeSpec.
std::shared_ptr<const RuleSpec> table_scope(const RuleOptions& options);

// The tables `table` selects ("name" means public.name, "schema.name" that
// schema); every table when absent.
std::vector<const Table*> tables_in_scope(const std::optional<QualifiedName>& table, const SchemaSnapshot& schema);

// "schema.table" with each part quoted as needed.
std::string qualified(const std::string& schema, const std::string& name);

// "index public.invitation_log_entries.idx_on_...": the object of a finding.
std::string index_object(const Table& table, const Index& index);

// The statement that removes `index` online, or its constraint.
std::string drop_index_sql(const Table& table, const Index& index);

// `index`'s own definition rebuilt online (CREATE ... INDEX CONCURRENTLY).
std::string create_concurrently_sql(const Index& index);

}  // namespace plumb
