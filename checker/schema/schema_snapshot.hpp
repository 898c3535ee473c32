// SchemaSnapshot: the catalog of one database at one instant (tables,
// columns, indexes, constraints) as plain values, so that checks compare
// values and need no server.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plumb {

struct Column {
  std::string name;
  std::string type;  // format_type(), e.g. "character varying", "bigint"
  bool not_null = false;
  std::optional<std::string> default_value;  // pg_get_expr of the default
};

// One key of an index, in index order: a column, or an expression such as
// "lower((email)::text)" as pg_get_indexdef prints it.
struct IndexKey {
  std::string text;
  bool is_expression = false;
};

struct Index {
  std::string name;
  std::vector<IndexKey> keys;          // key columns/expressions in order
  std::vector<std::string> include;    // INCLUDE columns (not part of the key)
  bool unique = false;
  bool primary = false;
  bool valid = true;                   // indisvalid: false after a failed CREATE INDEX CONCURRENTLY
  bool ready = true;                   // indisready: false while still being built
  bool nulls_not_distinct = false;     // PostgreSQL 15's NULLS NOT DISTINCT
  std::optional<std::string> predicate;  // pg_get_expr(indpred): the WHERE of a partial index
  std::string method;                  // btree, hash, gin...
  std::string definition;              // pg_get_indexdef, for INVALID indexes only (to rebuild them); else empty
  std::optional<std::string> constraint;  // the PRIMARY KEY or UNIQUE constraint it backs
  bool deferrable = false;             // its constraint is DEFERRABLE: checked at commit, still checked
  // Per key, its operator class when one is not the type's default; empty
  // when every key uses the default.
  std::vector<std::string> opclasses;

  // True when every key is a plain column.
  bool plain_columns_only() const;
  // The keys' texts, in order.
  std::vector<std::string> key_texts() const;
};

enum class ConstraintType { primary_key, unique, foreign_key, check };

// "primary_key", "unique", "foreign_key", "check".
const char* to_string(ConstraintType type);

struct Constraint {
  std::string name;
  ConstraintType type = ConstraintType::unique;
  std::vector<std::string> columns;
  std::string index;                   // backing index (primary key, unique)
  std::string referenced_table;        // schema.table (foreign key)
  std::vector<std::string> referenced_columns;
  std::string definition;              // pg_get_constraintdef

  // A CHECK constraint's condition without "CHECK " and " NOT VALID" (which
  // still binds new rows); empty for other constraints.
  std::string check_condition() const;
};

struct Table {
  std::string schema;
  std::string name;
  std::vector<Column> columns;         // in attnum order
  std::vector<Index> indexes;          // by name
  std::vector<Constraint> constraints; // by name

  // "schema.name".
  std::string qualified_name() const { return schema + "." + name; }
  const Column* find_column(const std::string& column) const;
  const Index* find_index(const std::string& index) const;
  // The primary key's columns, empty when there is none.
  std::vector<std::string> primary_key_columns() const;
};

struct SchemaSnapshot {
  std::vector<Table> tables;  // ordered by schema, then name

  // The table `schema.name`, or nullptr.
  const Table* find_table(const std::string& schema, const std::string& name) const;
};

// Splits "schema.table" (or "table", meaning `default_schema`) into its parts.
std::pair<std::string, std::string> split_qualified_name(const std::string& name,
                                                         const std::string& default_schema = "public");

}  // namespace plumb
