// ParseTree: small readers of libpg_query's JSON parse trees that the lint
// rules share (relation names, name lists, index definitions, conditions),
// so that each rule reads the SQL the way PostgreSQL parsed it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "schema/schema_snapshot.hpp"

namespace plumb {

// The member `key` of a parse-tree node, or an empty object when it has
// none. A reference: nlohmann's value() returns a copy of the whole subtree,
// and copying subtrees was most of lint's time.
const nlohmann::json& child(const nlohmann::json& node, const char* key);

// A RangeVar as "schema.table", the schema defaulting to "public".
std::string qualified_relation(const nlohmann::json& range_var);

// A list of String nodes (a DROP object, a type name, a key list) as its strings.
std::vector<std::string> string_list(const nlohmann::json& list);

// The Index an IndexStmt builds: keys (a plain column, or "lower(column)" and
// other expressions marked as such), unique, NULLS NOT DISTINCT, method. Its
// predicate is left empty: compare the where clause with same_condition().
Index index_of(const nlohmann::json& index_statement);

// The tree of a boolean SQL expression (a whereClause node), or nullopt when
// it does not parse.
std::optional<nlohmann::json> parse_condition(const std::string& condition);

// True when two boolean expressions parse to the same tree (locations and casts aside):
// `tree` is a whereClause node, `condition` SQL text. False when the text does
// not parse.
bool same_condition(const nlohmann::json& tree, const std::string& condition);

// A column type as lint compares types: the name PostgreSQL's parser gives
// it, without pg_catalog ("int4", "varchar", "timestamptz", "serial"), its
// modifiers and whether it is an array.
struct ColumnType {
  std::string name;
  std::vector<long long> modifiers;  // varchar(10) -> {10}; numeric(12, 2) -> {12, 2}
  bool array = false;

  // "varchar(10)", "numeric(12,2)", "text[]": text parse_column_type reads back.
  std::string to_string() const;
};

// The type of a TypeName node.
ColumnType column_type(const nlohmann::json& type_name);

// A type written in SQL ("character varying(10)", as format_type() prints
// it), or nullopt when it does not parse.
std::optional<ColumnType> parse_column_type(const std::string& sql);

// Every identifier a statement defines (table, column, index and constraint
// names), for the length rule.
std::vector<std::string> defined_names(const nlohmann::json& tree);

}  // namespace plumb
