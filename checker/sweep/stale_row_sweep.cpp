#include "sweep/stale_row_sweep.hpp"

#include "util/errors.hpp"
#include "util/text.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {
namespace {

// A PostgreSQL array literal of `values`, each quoted, for a `$n::type[]`
// parameter: the key values travel as data, never as SQL text.
std::string array_literal(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal += ',';
    literal += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

RowValues values_of(const pqxx::row& row, size_t first, size_t count) {
  RowValues values;
  for (size_t i = first; i < first + count; ++i) {
    const auto field = row[pqxx::row::size_type(i)];
    values.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
  }
  return values;
}

}  // namespace

StaleRowSweep::StaleRowSweep(SweepAction action, SweepSafety safety)
    : m_action(std::move(action)), m_safety(safety) {}

void StaleRowSweep::set_timeouts(pqxx::transaction_base& transaction) const {
  transaction.exec("SET LOCAL lock_timeout = " + std::to_string(m_safety.lock_timeout.count()));
  transaction.exec("SET LOCAL statement_timeout = " + std::to_string(m_safety.statement_timeout.count()));
}

std::vector<std::string> StaleRowSweep::primary_key(pqxx::transaction_base& transaction,
                                                    std::vector<std::string>& types) const {
  const auto result = transaction.exec_params(
      "SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
      "  FROM pg_index i"
      "  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])"
      " WHERE i.indrelid = to_regclass($1) AND i.indisprimary"
      " ORDER BY array_position(i.indkey::int2[], a.attnum)",
      m_action.stale.table.quoted());
  if (result.empty())
    throw RuntimeFailure("rule '" + m_action.rule_id + "': table " + m_action.table() +
                         " has no primary key (or does not exist), so its rows cannot be swept one by one");
  std::vector<std::string> key;
  for (const auto& row : result) {
    key.push_back(row[0].as<std::string>());
    types.push_back(row[1].as<std::string>());
  }
  return key;
}

std::string StaleRowSweep::stale_condition(pqxx::transaction_base& transaction) const {
  return parenthesised_condition(m_action.stale.where.text) + " AND " + transaction.quote_name(m_action.stale.timestamp) + " < now() - " +
         std::to_string(m_action.stale.older_than.count()) + " * interval '1 millisecond'";
}

std::string StaleRowSweep::returned_columns(const std::vector<std::string>& key) const {
  std::vector<std::string> columns;
  for (const auto* group : {&key, &m_action.stale.show, &m_action.sweep.follow_up})
    if (!group->empty()) columns.push_back(sql_identifiers(*group));
  return join(columns, ", ");
}

SweptRows StaleRowSweep::rows_of(const pqxx::result& result, const std::vector<std::string>& key) const {
  SweptRows rows{key, m_action.stale.show, m_action.sweep.follow_up, {}, 0};
  for (const auto& row : result) {
    rows.rows.push_back({values_of(row, 0, key.size()), values_of(row, key.size(), m_action.stale.show.size()),
                         values_of(row, key.size() + m_action.stale.show.size(), m_action.sweep.follow_up.size())});
  }
  return rows;
}

SweptRows StaleRowSweep::scan(pqxx::connection& connection, int limit) const {
  pqxx::read_transaction transaction(connection);
  set_timeouts(transaction);
  std::vector<std::string> types;
  const auto key = primary_key(transaction, types);
  const std::string sql = "SELECT " + returned_columns(key) + " FROM " +
                          m_action.stale.table.quoted() + " WHERE " + stale_condition(transaction) +
                          " ORDER BY " + transaction.quote_name(m_action.stale.timestamp) +
                          (limit > 0 ? " LIMIT " + std::to_string(limit) : "");
  // exec_params: the extended protocol takes one statement, whatever the
  // rule's `where` holds. A scan ends in ROLLBACK: it has nothing to keep.
  const auto result = transaction.exec_params(sql);
  SweptRows rows = rows_of(result, key);
  rows.stale = rows.rows.size();
  // Only a scan the limit cut short counts the rest, so that the report can
  // say what a run with --limit left for the next one.
  if (limit > 0 && rows.rows.size() == static_cast<std::size_t>(limit))
    rows.stale = transaction
                     .exec_params1("SELECT count(*) FROM " + m_action.stale.table.quoted() + " WHERE " +
                                   stale_condition(transaction))[0]
                     .as<std::size_t>();
  transaction.abort();
  return rows;
}

SweptRows StaleRowSweep::apply(pqxx::connection& connection, const SweptRows& candidates) const {
  if (candidates.rows.empty()) return SweptRows{candidates.key_columns, m_action.stale.show, m_action.sweep.follow_up, {}, 0};
  pqxx::work transaction(connection);
  set_timeouts(transaction);
  std::vector<std::string> types;
  const auto key = primary_key(transaction, types);
  const std::string table = m_action.stale.table.quoted();

  // Parameters: one array per key column (the candidates), then the values to set.
  std::vector<std::string> parameters;
  std::vector<std::string> unnest;
  for (size_t column = 0; column < key.size(); ++column) {
    std::vector<std::string> values;
    for (const auto& row : candidates.rows) values.push_back(row.key[column].value_or(""));
    parameters.push_back(array_literal(values));
    unnest.push_back("$" + std::to_string(parameters.size()) + "::" + types[column] + "[]");
  }
  std::vector<std::string> assignments;
  for (const auto& assignment : m_action.sweep.set) {
    std::string value = assignment.is_now ? "now()" : "NULL";
    if (assignment.value) {
      parameters.push_back(*assignment.value);
      value = "$" + std::to_string(parameters.size());
    }
    assignments.push_back(transaction.quote_name(assignment.column) + " = " + value);
  }

  // One statement. The subquery locks only candidates that are still stale,
  // and SKIP LOCKED passes over rows a live transaction holds: a batch that
  // is writing its row right now is working, not stuck. Under READ COMMITTED
  // the row lock re-evaluates the condition on the newest row version, so a
  // row that made progress since the scan no longer matches and stays.
  const std::string key_list = "(" + sql_identifiers(key) + ")";
  const std::string sql =
      "UPDATE " + table + " SET " + join(assignments, ", ") + " WHERE " + key_list + " IN (SELECT " +
      sql_identifiers(key) + " FROM " + table + " WHERE " + key_list + " IN (SELECT * FROM unnest(" +
      join(unnest, ", ") + ")) AND " + stale_condition(transaction) + " FOR UPDATE SKIP LOCKED) RETURNING " +
      returned_columns(key);
  const auto result = transaction.exec_params(sql, pqxx::prepare::make_dynamic_params(parameters));
  transaction.commit();
  return rows_of(result, key);
}

}  // namespace plumb
