#include "rules/data_rule_options.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace plumb {

std::string quote_qualified(pqxx::transaction_base& transaction, const std::string& name) {
  std::vector<std::string> parts;
  for (const auto& part : split(name, '.')) parts.push_back(transaction.quote_name(part));
  return join(parts, ".");
}

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

std::string condition_sql(const Rule& rule) {
  const auto where = optional_text(rule, "where");
  return where ? parenthesised_condition(*where) : "TRUE";
}

std::vector<RuleSql> checked_sql(const Rule& rule) {
  std::vector<RuleSql> pieces;
  try {
    if (const auto where = optional_text(rule, "where")) pieces.push_back({"where", check_condition(*where)});
  } catch (const InputError& error) {
    if (error.where().known()) throw;
    throw rule_error(rule, rule.options["where"], std::string("'where' must be one SQL condition: ") + error.what());
  }
  if (rule.check != "sql") return pieces;
  try {
    pieces.push_back({"query", check_query(required_text(rule, "query"))});
  } catch (const InputError& error) {
    if (error.where().known()) throw;
    throw rule_error(rule, rule.options["query"], std::string("'query' must be one SELECT: ") + error.what());
  }
  return pieces;
}

}  // namespace plumb
