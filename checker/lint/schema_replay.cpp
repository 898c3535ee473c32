#include "lint/schema_replay.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

void set_not_null(Table& table, const std::string& column, bool not_null) {
  for (auto& existing : table.columns)
    if (existing.name == column) existing.not_null = not_null;
}

void set_column_type(Table& table, const std::string& column, const json& definition) {
  for (auto& existing : table.columns)
    if (existing.name == column) existing.type = column_type(child(definition, "typeName")).to_string();
}

Column column_of(const json& definition) {
  Column column;
  column.name = definition.value("colname", "");
  column.type = column_type(child(definition, "typeName")).to_string();
  for (const auto& constraint : child(definition, "constraints")) {
    const std::string type = child(constraint, "Constraint").value("contype", "");
    if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") column.not_null = true;
  }
  return column;
}

// The column `col IS NOT NULL` tests, or "" for any other check.
std::string not_null_check_column(const json& constraint) {
  const json& test = child(child(constraint, "raw_expr"), "NullTest");
  if (test.value("nulltesttype", "") != "IS_NOT_NULL") return "";
  const auto fields = string_list(child(child(child(test, "arg"), "ColumnRef"), "fields"));
  return fields.empty() ? "" : fields.back();
}

// The unique index a PRIMARY KEY or UNIQUE constraint builds, named as PostgreSQL would.
Index constraint_index(const Table& table, const json& constraint, const std::vector<std::string>& keys) {
  Index index;
  const bool primary = constraint.value("contype", "") == "CONSTR_PRIMARY";
  index.name = constraint.value("conname", constraint.value("indexname", ""));
  if (index.name.empty()) index.name = table.name + (primary ? "_pkey" : "_" + join(keys, "_") + "_key");
  index.unique = true;
  index.primary = primary;
  index.nulls_not_distinct = constraint.value("nulls_not_distinct", false);
  index.method = "btree";
  for (const auto& key : keys) index.keys.push_back({key, false});
  return index;
}

}  // namespace

SchemaReplay::SchemaReplay(const SchemaSnapshot& live, const std::set<std::string>& empty_tables) {
  for (const auto& table : live.tables) {
    ReplayedTable& replayed = m_tables[table.qualified_name()];
    replayed.table = table;
    // format_type() spells types as SQL ("character varying(10)"); the replay keeps the parser's names.
    for (auto& column : replayed.table.columns)
      if (const auto type = parse_column_type(column.type)) column.type = type->to_string();
    replayed.may_have_rows = empty_tables.count(table.qualified_name()) == 0;
    for (const auto& index : table.indexes)
      if (index.predicate)
        if (auto tree = parse_condition(*index.predicate)) replayed.predicates[index.name] = *tree;
  }
}

void SchemaReplay::begin_migration() {
  for (auto& [name, table] : m_tables) table.created_in_migration = false;
}

bool SchemaReplay::existed_before(const std::string& table) const {
  const ReplayedTable* found = find(table);
  return found == nullptr || (!found->created_in_migration && found->may_have_rows);
}

const ReplayedTable* SchemaReplay::find(const std::string& table) const {
  const auto found = m_tables.find(table);
  return found == m_tables.end() ? nullptr : &found->second;
}

std::optional<std::string> SchemaReplay::table_of_index(const std::string& index) const {
  for (const auto& [name, table] : m_tables)
    if (table.table.find_index(index) != nullptr) return name;
  return std::nullopt;
}

// A table the folder never created exists outside it (an earlier tool, a
// dump): it is taken as existing, with rows.
ReplayedTable& SchemaReplay::known(const std::string& table) {
  auto found = m_tables.find(table);
  if (found != m_tables.end()) return found->second;
  ReplayedTable& created = m_tables[table];
  std::tie(created.table.schema, created.table.name) = split_qualified_name(table);
  return created;
}

void SchemaReplay::apply(const SqlStatement& statement) {
  const json& tree = statement.tree();
  if (tree.contains("CreateStmt")) create_table(tree["CreateStmt"]);
  else if (tree.contains("AlterTableStmt")) alter_table(tree["AlterTableStmt"]);
  else if (tree.contains("DropStmt")) drop(tree["DropStmt"]);
  else if (tree.contains("RenameStmt")) rename(tree["RenameStmt"]);
  else if (tree.contains("CreateTableAsStmt")) create_table_as(tree["CreateTableAsStmt"]);
  else if (tree.contains("CreateFunctionStmt")) create_function(tree["CreateFunctionStmt"]);
  else if (tree.contains("IndexStmt")) {
    const json& create = tree["IndexStmt"];
    ReplayedTable& table = known(qualified_relation(create.at("relation")));
    table.table.indexes.push_back(index_of(create));
    if (create.contains("whereClause")) table.predicates[create.value("idxname", "")] = create["whereClause"];
  }
}

void SchemaReplay::create_table(const json& create) {
  const std::string name = qualified_relation(create.at("relation"));
  ReplayedTable table;
  std::tie(table.table.schema, table.table.name) = split_qualified_name(name);
  table.created_in_migration = true;
  m_tables[name] = table;
  ReplayedTable& created = m_tables[name];
  for (const auto& element : child(create, "tableElts")) {
    if (element.contains("ColumnDef")) {
      created.table.columns.push_back(column_of(element["ColumnDef"]));
      for (const auto& constraint : child(element["ColumnDef"], "constraints"))
        add_constraint_on_column(created, child(constraint, "Constraint"), created.table.columns.back().name);
    }
    if (element.contains("Constraint")) add_constraint(created, element["Constraint"]);
  }
}

// CREATE TABLE ... AS, SELECT ... INTO and CREATE MATERIALIZED VIEW ... AS
// make a relation this migration owns: its columns are unknown, but nobody
// else uses it yet, which is what the locking rules ask.
void SchemaReplay::create_table_as(const json& create) {
  const json& relation = child(child(create, "into"), "rel");
  if (relation.empty()) return;
  ReplayedTable table;
  std::tie(table.table.schema, table.table.name) = split_qualified_name(qualified_relation(relation));
  table.created_in_migration = true;
  m_tables[qualified_relation(relation)] = table;
}

void SchemaReplay::create_function(const json& create) {
  const auto name = string_list(child(create, "funcname"));
  if (name.empty()) return;
  std::string volatility = "volatile";
  for (const auto& option : child(create, "options")) {
    const json& element = child(option, "DefElem");
    if (element.value("defname", "") == "volatility") volatility = child(child(element, "arg"), "String").value("sval", "");
  }
  if (volatility == "volatile") m_volatile_functions.insert(name.back());
  else m_volatile_functions.erase(name.back());
}

std::optional<ColumnType> SchemaReplay::column_type_of(const std::string& table, const std::string& column) const {
  const ReplayedTable* found = find(table);
  if (found == nullptr) return std::nullopt;
  for (const auto& existing : found->table.columns)
    if (existing.name == column) return parse_column_type(existing.type);
  return std::nullopt;
}

void SchemaReplay::add_constraint_on_column(ReplayedTable& table, const json& constraint, const std::string& column) {
  const std::string type = constraint.value("contype", "");
  if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE")
    table.table.indexes.push_back(constraint_index(table.table, constraint, {column}));
}

void SchemaReplay::add_constraint(ReplayedTable& table, const json& constraint) {
  const std::string type = constraint.value("contype", "");
  const auto keys = string_list(child(constraint, "keys"));
  if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") {
    table.table.indexes.push_back(constraint_index(table.table, constraint, keys));
    if (type == "CONSTR_PRIMARY")
      for (const auto& key : keys) set_not_null(table.table, key, true);
  } else if (type == "CONSTR_CHECK") {
    const std::string column = not_null_check_column(constraint);
    if (column.empty()) return;
    if (constraint.value("skip_validation", false)) table.unvalidated_not_null[constraint.value("conname", "")] = column;
    else table.validated_not_null.insert(column);
  }
}

void SchemaReplay::alter_table(const json& alter) {
  ReplayedTable& table = known(qualified_relation(alter.at("relation")));
  for (const auto& command : child(alter, "cmds")) alter_command(table, child(command, "AlterTableCmd"));
}

void SchemaReplay::add_column(ReplayedTable& table, const json& definition) {
  table.table.columns.push_back(column_of(definition));
  for (const auto& constraint : child(definition, "constraints"))
    add_constraint_on_column(table, child(constraint, "Constraint"), table.table.columns.back().name);
}

void SchemaReplay::alter_command(ReplayedTable& table, const json& command) {
  const std::string type = command.value("subtype", "");
  const std::string name = command.value("name", "");
  const json& def = child(command, "def");
  auto& columns = table.table.columns;
  if (type == "AT_AddColumn") add_column(table, child(def, "ColumnDef"));
  else if (type == "AT_AlterColumnType") set_column_type(table.table, name, child(def, "ColumnDef"));
  else if (type == "AT_DropColumn")
    columns.erase(std::remove_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == name; }), columns.end());
  else if (type == "AT_AddConstraint") add_constraint(table, child(def, "Constraint"));
  else if (type == "AT_SetNotNull") set_not_null(table.table, name, true);
  else if (type == "AT_DropNotNull") set_not_null(table.table, name, false);
  else if (type == "AT_ValidateConstraint" && table.unvalidated_not_null.count(name) != 0)
    table.validated_not_null.insert(table.unvalidated_not_null[name]);
}

void SchemaReplay::drop(const json& drop) {
  const std::string type = drop.value("removeType", "");
  for (const auto& object : child(drop, "objects")) {
    auto parts = string_list(child(child(object, "List"), "items"));
    if (parts.size() == 1) parts.insert(parts.begin(), "public");
    const std::string name = join(parts, ".");
    if (type == "OBJECT_TABLE") m_tables.erase(name);
    if (type != "OBJECT_INDEX") continue;
    for (auto& [table_name, table] : m_tables) {
      auto& indexes = table.table.indexes;
      indexes.erase(std::remove_if(indexes.begin(), indexes.end(), [&](const Index& i) { return i.name == parts.back(); }),
                    indexes.end());
    }
  }
}

void SchemaReplay::rename(const json& rename) {
  const std::string type = rename.value("renameType", "");
  const std::string new_name = rename.value("newname", "");
  const std::string table_name = rename.contains("relation") ? qualified_relation(rename["relation"]) : "";
  if (type == "OBJECT_TABLE" && m_tables.count(table_name) != 0) {
    ReplayedTable moved = m_tables[table_name];
    m_tables.erase(table_name);
    moved.table.name = new_name;
    m_tables[moved.table.qualified_name()] = moved;
  } else if (type == "OBJECT_COLUMN" && m_tables.count(table_name) != 0) {
    for (auto& column : m_tables[table_name].table.columns)
      if (column.name == rename.value("subname", "")) column.name = new_name;
  } else if (type == "OBJECT_INDEX") {
    for (auto& [name, table] : m_tables)
      for (auto& index : table.table.indexes)
        if (index.name == rename["relation"].value("relname", "")) index.name = new_name;
  }
}

}  // namespace plumb
