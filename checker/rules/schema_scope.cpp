#include "rules/schema_scope.hpp"

#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "util/errors.hpp"

namespace plumb {

const SchemaSnapshot& schema_of(const CheckContext& context) {
  if (context.schema == nullptr) throw RuntimeFailure("internal error: a schema check ran without a catalog snapshot");
  return *context.schema;
}

std::vector<Finding> SchemaCheckKind::run(const Rule& rule, CheckContext& context) const {
  return judge(rule, schema_of(context), context.models);
}

std::shared_ptr<const RuleSpec> table_scope(const RuleOptions& options) {
  auto spec = std::make_shared<TableScopeSpec>();
  spec->table = options.table("table", false);
  return spec;
}

std::vector<const Table*> tables_in_scope(const std::optional<QualifiedName>& table, const SchemaSnapshot& schema) {
  std::vector<const Table*> tables;
  if (!table) {
    for (const auto& each : schema.tables) tables.push_back(&each);
    return tables;
  }
  if (const Table* found = schema.find_table(table->schema_or("public"), table->name)) tables.push_back(found);
  return tables;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return quote_identifier(schema) + "." + quote_identifier(name);
}

std::string index_object(const Table& table, const Index& index) {
  return "index " + table.qualified_name() + "." + index.name;
}

std::string drop_index_sql(const Table& table, const Index& index) {
  if (index.constraint)
    return "ALTER TABLE " + qualified(table.schema, table.name) + " DROP CONSTRAINT " + quote_identifier(*index.constraint) + ";";
  return "DROP INDEX CONCURRENTLY " + qualified(table.schema, index.name) + ";";
}

std::string create_concurrently_sql(const Index& index) {
  std::string definition = index.definition;
  const auto at = definition.find("INDEX ");
  if (at != std::string::npos) definition.insert(at + 6, "CONCURRENTLY ");
  return definition + ";";
}

}  // namespace plumb
