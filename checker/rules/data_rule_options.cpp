#include "rules/data_rule_options.hpp"

#include <algorithm>

#include "rules/rule_options.hpp"
#include "util/text.hpp"

namespace plumb {

std::string quote_columns(pqxx::transaction_base& transaction, const std::vector<std::string>& names,
                          const std::string& alias) {
  std::vector<std::string> quoted;
  for (const auto& name : names)
    quoted.push_back((alias.empty() ? "" : alias + ".") + transaction.quote_name(name));
  return join(quoted, ", ");
}

std::string sample_limit_sql(int sample_limit) { return " LIMIT " + std::to_string(std::max(sample_limit, 1)); }

SampleRows sample_rows(const pqxx::result& rows, size_t columns, int sample_limit) {
  SampleRows samples;
  for (size_t column = 0; column < columns; ++column) samples.columns.emplace_back(rows.column_name(pqxx::row::size_type(column)));
  for (const auto& row : rows) {
    if (static_cast<int>(samples.rows.size()) >= sample_limit) break;
    std::vector<std::optional<std::string>> values;
    for (size_t column = 0; column < columns; ++column) {
      const auto field = row[pqxx::row::size_type(column)];
      values.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    }
    samples.rows.push_back(std::move(values));
  }
  return samples;
}

std::string condition_sql(const std::optional<UserSql>& where) {
  return where ? parenthesised_condition(where->text) : "TRUE";
}

std::optional<UserSql> checked_condition(const RuleOptions& options, bool required) {
  if (required) options.required_text("where");
  const auto where = options.sql("where");
  if (!where) return std::nullopt;
  try {
    check_condition(where->text);
  } catch (const InputError& error) {
    if (error.where().known()) throw;
    throw options.error("where", std::string("'where' must be one SQL condition: ") + error.what());
  }
  return where;
}

UserSql checked_query(const RuleOptions& options) {
  options.required_text("query");
  const auto query = *options.sql("query");
  try {
    check_query(query.text);
  } catch (const InputError& error) {
    if (error.where().known()) throw;
    throw options.error("query", std::string("'query' must be one SELECT: ") + error.what());
  }
  return query;
}

SqlFragment fragment_of(const UserSql& sql) {
  return sql.key == "query" ? check_query(sql.text) : check_condition(sql.text);
}

}  // namespace plumb
