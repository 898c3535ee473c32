#include "schema/catalog_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

namespace plumb {
namespace {

// Shared by the three queries: the user's tables (plain and partitioned),
// optionally narrowed to one, matched by bare or qualified name.
const char* const k_user_tables = R"SQL(
  SELECT c.oid, n.nspname, c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND ($1::text IS NULL OR c.relname = $1 OR n.nspname || '.' || c.relname = $1)
)SQL";

// A column default cannot name a column, so it is deparsed without its
// table (relid 0): pg_get_expr would otherwise open every table and build
// its relcache entry, 0.14 s of the query on 2,000 tables (bench/RESULTS.md).
// A generated column's expression names columns and needs its table.
std::string columns_query() {
  return std::string("WITH t AS (") + k_user_tables + R"SQL()
  SELECT t.nspname, t.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
         pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END), a.attnum
  FROM t LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum)SQL";
}

// indkey lists each key by its column number, 0 for an expression: column
// numbers are named in the client from the columns query, and only the
// expressions are deparsed, as pg_get_indexdef prints them (PostgreSQL's own
// normalised form), where a subquery per key looked up every column's name
// in pg_attribute for each of 8,000 indexes.
std::string indexes_query() {
  return std::string("WITH t AS (") + k_user_tables + R"SQL()
  SELECT t.nspname, t.relname, ic.relname, i.indisunique, i.indisprimary, i.indisvalid, i.indisready,
         i.indnullsnotdistinct, am.amname, pg_get_expr(i.indpred, i.indrelid),
         -- Deparsing a whole index costs as much as the rest of the query: only
         -- INVALID ones need their definition (to rebuild them).
         CASE WHEN NOT i.indisvalid THEN pg_get_indexdef(i.indexrelid) END,
         co.conname, i.indkey,
         CASE WHEN 0 = ANY (i.indkey::int2[]) THEN
           (SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)
            FROM generate_series(1, i.indnatts) k WHERE i.indkey[k - 1] = 0) END,
         i.indnkeyatts,
         -- Operator classes matter only when one is not the type's default
         -- (it may define equality its own way): listed only then.
         CASE WHEN EXISTS (SELECT FROM unnest(i.indclass::oid[]) c(oid) JOIN pg_opclass oc ON oc.oid = c.oid
                           WHERE NOT oc.opcdefault) THEN
           (SELECT json_agg(CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname END ORDER BY c.ord)
            FROM unnest(i.indclass::oid[]) WITH ORDINALITY c(oid, ord) JOIN pg_opclass oc ON oc.oid = c.oid) END,
         coalesce(co.condeferrable, false)
  FROM t JOIN pg_index i ON i.indrelid = t.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
  -- A join, not a subquery: pg_constraint has no index on conindid, and a
  -- scan per index made this query quadratic (bench/RESULTS.md).
  LEFT JOIN pg_constraint co ON co.conindid = i.indexrelid AND co.contype IN ('p', 'u'))SQL";
}

std::string constraints_query() {
  return std::string("WITH t AS (") + k_user_tables + R"SQL()
  SELECT t.nspname, t.relname, co.conname, co.contype,
         (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum),
         coalesce(ic.relname, ''),
         coalesce(rn.nspname || '.' || rc.relname, ''),
         (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum),
         pg_get_constraintdef(co.oid)
  FROM t JOIN pg_constraint co ON co.conrelid = t.oid AND co.contype IN ('p', 'u', 'f', 'c')
  LEFT JOIN pg_class ic ON ic.oid = co.conindid AND co.contype IN ('p', 'u')
  LEFT JOIN pg_class rc ON rc.oid = co.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace)SQL";
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return std::string(field.c_str());
}

std::vector<std::string> json_strings(const pqxx::field& field) {
  std::vector<std::string> values;
  if (field.is_null()) return values;
  for (const auto& value : nlohmann::json::parse(field.c_str())) values.push_back(value.get<std::string>());
  return values;
}

// The rows of one catalog query in the order ORDER BY would give: by
// schema, table, then the object's name (or column number). Sorted here
// because the server's sort of 16,000 column rows cost 70 ms and ours a few;
// names are compared bytewise, as PostgreSQL compares the name type
// (collation "C").
struct SortKey {
  const char* schema;
  const char* table;
  const char* name;  // null for columns
  long number;       // attnum for columns
  pqxx::result::size_type row;
};

std::vector<pqxx::row> ordered_rows(const pqxx::result& result, int name_column, int number_column) {
  std::vector<SortKey> keys;
  keys.reserve(result.size());
  for (pqxx::result::size_type r = 0; r < result.size(); ++r) {
    const auto row = result[r];
    const char* name = name_column < 0 ? nullptr : row[name_column].c_str();
    const long number = number_column < 0 ? 0 : std::strtol(row[number_column].c_str(), nullptr, 10);
    keys.push_back({row[0].c_str(), row[1].c_str(), name, number, r});
  }
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    if (const int c = std::strcmp(a.schema, b.schema)) return c < 0;
    if (const int c = std::strcmp(a.table, b.table)) return c < 0;
    if (a.name != nullptr && b.name != nullptr)
      if (const int c = std::strcmp(a.name, b.name)) return c < 0;
    return a.number < b.number;
  });
  std::vector<pqxx::row> rows;
  rows.reserve(keys.size());
  for (const auto& key : keys) rows.push_back(result[key.row]);
  return rows;
}

// A table of the snapshot and its columns' names by column number
// (attnum), which has gaps where columns were dropped.
struct TableEntry {
  Table* table;
  std::vector<std::string> column_names;  // [attnum], "" for a dropped column
};
using TableIndex = std::map<std::pair<std::string, std::string>, TableEntry>;

TableEntry& table_of(const pqxx::row& row, TableIndex& tables) {
  return tables.at({row[0].c_str(), row[1].c_str()});
}

// Fills `snapshot` with the tables and columns of the columns query (one row
// per column, ordered by table) and returns them indexed by name.
TableIndex read_tables(const pqxx::result& columns, SchemaSnapshot& snapshot) {
  std::vector<std::vector<std::string>> column_names;  // per table, by attnum
  for (const auto& row : ordered_rows(columns, -1, 6)) {
    if (snapshot.tables.empty() || snapshot.tables.back().schema != row[0].c_str() ||
        snapshot.tables.back().name != row[1].c_str()) {
      snapshot.tables.push_back(Table{row[0].c_str(), row[1].c_str(), {}, {}, {}});
      column_names.emplace_back();
    }
    if (row[2].is_null()) continue;  // a table without columns
    snapshot.tables.back().columns.push_back(
        Column{row[2].c_str(), row[3].c_str(), row[4].as<bool>(), optional_text(row[5])});
    auto& names = column_names.back();
    const auto number = row[6].as<size_t>();
    if (names.size() <= number) names.resize(number + 1);
    names[number] = row[2].c_str();
  }
  TableIndex tables;
  for (size_t t = 0; t < snapshot.tables.size(); ++t)
    tables[{snapshot.tables[t].schema, snapshot.tables[t].name}] = {&snapshot.tables[t], std::move(column_names[t])};
  return tables;
}

Index read_index(const pqxx::row& row) {
  Index index;
  index.name = row[2].c_str();
  index.unique = row[3].as<bool>();
  index.primary = row[4].as<bool>();
  index.valid = row[5].as<bool>();
  index.ready = row[6].as<bool>();
  index.nulls_not_distinct = row[7].as<bool>();
  index.method = row[8].c_str();
  index.predicate = optional_text(row[9]);
  index.definition = row[10].is_null() ? "" : row[10].c_str();
  index.constraint = optional_text(row[11]);
  index.opclasses = json_strings(row[15]);
  index.deferrable = row[16].as<bool>();
  return index;
}

// The column numbers of indkey (an int2vector, printed "1 0 3").
std::vector<int> column_numbers(const pqxx::field& field) {
  std::vector<int> numbers;
  const char* text = field.c_str();
  for (char* end = nullptr;; text = end) {
    const long number = std::strtol(text, &end, 10);
    if (end == text) return numbers;
    numbers.push_back(static_cast<int>(number));
  }
}

// pg_index lists INCLUDE columns after the indnkeyatts key columns; an
// expression (column number 0) takes the next of the deparsed expressions.
void read_index_keys(const pqxx::row& row, const TableEntry& table, Index& index) {
  const auto expressions = json_strings(row[13]);
  const auto key_count = row[14].as<size_t>();
  size_t next_expression = 0;
  const auto numbers = column_numbers(row[12]);
  for (size_t k = 0; k < numbers.size(); ++k) {
    const int number = numbers[k];
    const bool is_expression = number == 0;
    std::string text;
    if (is_expression && next_expression < expressions.size())
      text = expressions[next_expression++];
    else if (!is_expression && static_cast<size_t>(number) < table.column_names.size())
      text = table.column_names[number];
    if (k < key_count)
      index.keys.push_back({std::move(text), is_expression});
    else
      index.include.push_back(std::move(text));
  }
}

Constraint read_constraint(const pqxx::row& row) {
  Constraint constraint;
  constraint.name = row[2].c_str();
  const std::string type = row[3].c_str();
  constraint.type = type == "p" ? ConstraintType::primary_key
                  : type == "u" ? ConstraintType::unique
                  : type == "c" ? ConstraintType::check
                                : ConstraintType::foreign_key;
  constraint.columns = json_strings(row[4]);
  constraint.index = row[5].c_str();
  constraint.referenced_table = row[6].c_str();
  constraint.referenced_columns = json_strings(row[7]);
  constraint.definition = row[8].c_str();
  return constraint;
}

}  // namespace

SchemaSnapshot read_schema_snapshot(pqxx::connection& connection, const std::optional<std::string>& table,
                                    std::optional<std::chrono::milliseconds> timeout) {
  // One snapshot for all three queries, so a concurrent migration cannot
  // show us an index whose table we did not see; READ ONLY because plumb
  // check must be safe to point at production.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(connection, "plumb_catalog");
  // jit off: the planner overestimates these catalog queries (the key
  // subquery's generate_series counts as 1,000 rows per index) and compiling
  // them took longer than running them: 1.2 s of 2 s on 8,000 indexes.
  // set_config(..., true) is SET LOCAL: up to three settings in one statement.
  std::string settings = "SELECT set_config('jit', 'off', true)";
  if (timeout) {
    const std::string milliseconds = std::to_string(timeout->count());
    settings += ", set_config('statement_timeout', '" + milliseconds + "', true), set_config('lock_timeout', '" +
                milliseconds + "', true)";
  }
  transaction.exec(settings);
  const auto columns = transaction.exec_params(columns_query(), table);
  const auto indexes = transaction.exec_params(indexes_query(), table);
  const auto constraints = transaction.exec_params(constraints_query(), table);
  transaction.commit();

  SchemaSnapshot snapshot;
  TableIndex by_name = read_tables(columns, snapshot);
  for (const auto& row : ordered_rows(indexes, 2, -1)) {
    Index index = read_index(row);
    auto& entry = table_of(row, by_name);
    read_index_keys(row, entry, index);
    entry.table->indexes.push_back(std::move(index));
  }
  for (const auto& row : ordered_rows(constraints, 2, -1)) table_of(row, by_name).table->constraints.push_back(read_constraint(row));
  return snapshot;
}

}  // namespace plumb
