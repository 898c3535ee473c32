#include "rules/schema_scope.hpp"

#include <cctype>

#include "rules/rule_options.hpp"
#include "util/errors.hpp"

namespace plumb {

const SchemaSnapshot& schema_of(const CheckContext& context) {
  if (context.schema == nullptr) throw RuntimeFailure("internal error: a schema check ran without a catalog snapshot");
  return *context.schema;
}

std::vector<const Table*> tables_in_scope(const Rule& rule, const SchemaSnapshot& schema) {
  const auto table = optional_text(rule, "table");
  std::vector<const Table*> tables;
  if (!table) {
    for (const auto& each : schema.tables) tables.push_back(&each);
    return tables;
  }
  const auto [schema_name, table_name] = split_qualified_name(*table);
  if (const Table* found = schema.find_table(schema_name, table_name)) tables.push_back(found);
  return tables;
}

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
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
