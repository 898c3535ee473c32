// SchemaScope: what the schema check kinds share: which tables a rule's
// `table:` key selects, how an index is named in findings, and the SQL of
// the fixes they suggest.
#pragma once

#include <string>
#include <vector>

#include "rules/check_kind.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

// The snapshot of `context`. Throws RuntimeFailure when the runner read none
// (a bug: schema kinds always need it).
const SchemaSnapshot& schema_of(const CheckContext& context);

// The tables a rule's optional `table:` key selects ("name" means
// public.name, "schema.name" that schema); every table when absent.
std::vector<const Table*> tables_in_scope(const Rule& rule, const SchemaSnapshot& schema);

// `name` as a SQL identifier: bare when it is a plain lower-case identifier,
// otherwise double-quoted. For the SQL shown in fixes, never executed.
std::string quote_identifier(const std::string& name);

// "schema.table" with each part quoted as needed.
std::string qualified(const std::string& schema, const std::string& name);

// "index public.invitation_log_entries.idx_on_...": the object of a finding.
std::string index_object(const Table& table, const Index& index);

// The statement that removes `index` online, or its constraint.
std::string drop_index_sql(const Table& table, const Index& index);

// `index`'s own definition rebuilt online (CREATE ... INDEX CONCURRENTLY).
std::string create_concurrently_sql(const Index& index);

}  // namespace plumb
