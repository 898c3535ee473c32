// SchemaReplay: the tables, columns and indexes a folder of migrations has
// built so far, replayed statement by statement from CREATE, ALTER, RENAME
// and DROP, on top of the live catalog when there is one. It answers the
// question the locking rules ask: did this table exist, with rows the app
// is using, before the migration that changes it?
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/parse_tree.hpp"
#include "migrate/sql_statement.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

struct ReplayedTable {
  Table table;                       // columns (NOT NULL as far as known) and indexes
  bool created_in_migration = false; // created by the migration being replayed
  bool may_have_rows = true;         // false for a table the live catalog shows empty
  std::map<std::string, nlohmann::json> predicates;  // index name -> its whereClause tree
  std::set<std::string> validated_not_null;          // columns with a validated CHECK (col IS NOT NULL)
  std::map<std::string, std::string> unvalidated_not_null;  // NOT VALID check name -> column
};

class SchemaReplay {
 public:
  SchemaReplay() = default;
  // Starts from the live catalog; `empty_tables` ("schema.name") hold no row.
  SchemaReplay(const SchemaSnapshot& live, const std::set<std::string>& empty_tables);

  // Marks the start of a migration: what was created so far now "existed before".
  void begin_migration();
  // Applies what `statement` does to tables, columns and indexes; ignores the rest.
  void apply(const SqlStatement& statement);

  // True when `table` ("schema.name") existed before the current migration
  // and may hold rows, or is unknown (plumb then assumes the worst).
  bool existed_before(const std::string& table) const;
  const ReplayedTable* find(const std::string& table) const;
  // The table ("schema.name") an index is on, if the replay knows the index.
  std::optional<std::string> table_of_index(const std::string& index) const;
  // The column's type as parse_column_type reads it, nullopt when the replay
  // does not know the table or the column.
  std::optional<ColumnType> column_type_of(const std::string& table, const std::string& column) const;
  // True for a function the folder created VOLATILE (PostgreSQL's default
  // when CREATE FUNCTION names no volatility). Functions the folder did not
  // create are not known here.
  bool is_volatile_function(const std::string& name) const { return m_volatile_functions.count(name) != 0; }
  const std::map<std::string, ReplayedTable>& tables() const { return m_tables; }

 private:
  ReplayedTable& known(const std::string& table);
  void create_table(const nlohmann::json& create);
  void create_table_as(const nlohmann::json& create);
  void create_function(const nlohmann::json& create);
  void alter_table(const nlohmann::json& alter);
  void add_column(ReplayedTable& table, const nlohmann::json& definition);
  void alter_command(ReplayedTable& table, const nlohmann::json& command);
  void add_constraint(ReplayedTable& table, const nlohmann::json& constraint);
  void add_constraint_on_column(ReplayedTable& table, const nlohmann::json& constraint, const std::string& column);
  void drop(const nlohmann::json& drop);
  void rename(const nlohmann::json& rename);
  std::map<std::string, ReplayedTable> m_tables;  // by "schema.name"
  std::set<std::string> m_volatile_functions;     // by name, as called
};

}  // namespace plumb
