#include "rules/duplicates_check.hpp"

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"
#include "util/text.hpp"

namespace plumb {

std::vector<std::string> DuplicatesCheck::option_keys() const { return {"table", "columns", "where"}; }

std::shared_ptr<const RuleSpec> DuplicatesCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<DuplicatesSpec>();
  spec->table = *options.table("table", true);
  spec->columns = options.text_list("columns", true);
  spec->where = checked_condition(options);
  return spec;
}

std::vector<Finding> DuplicatesCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<DuplicatesSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const auto& columns = spec.columns;
  const std::string keys = quote_columns(transaction, columns);
  std::string not_null;
  for (const auto& column : columns) not_null += " AND " + transaction.quote_name(column) + " IS NOT NULL";

  // Windows over the grouped rows run before LIMIT: the totals cover every
  // group while only the samples are sent back. exec_params: the extended
  // protocol takes one statement, whatever the `where` holds.
  const auto rows = transaction.exec_params(
      "SELECT " + keys + ", count(*) AS rows, count(*) OVER (), sum(count(*)) OVER ()" + " FROM " +
      spec.table.quoted() + " WHERE " + condition_sql(spec.where) + not_null + " GROUP BY " + keys +
      " HAVING count(*) > 1 ORDER BY count(*) DESC, " + keys + sample_limit_sql(context.sample_limit));
  if (rows.empty()) return {};

  const long long groups = rows[0][pqxx::row::size_type(columns.size() + 1)].as<long long>();
  const long long in_groups = rows[0][pqxx::row::size_type(columns.size() + 2)].as<long long>();
  Finding finding;
  finding.severity = rule.severity;
  finding.object = "table " + table;
  finding.key = table + "(" + join(columns, ", ") + ")";
  finding.message = std::to_string(groups) + " duplicate group(s) on (" + join(columns, ", ") + ") in " + table +
                    ": " + std::to_string(in_groups - groups) + " excess row(s), " + std::to_string(in_groups) +
                    " row(s) in duplicate groups";
  finding.why = "the application treats these columns as identifying one row; a duplicate is counted, sent or billed twice";
  finding.fix = "remove the excess rows, then make a unique index enforce (" + join(columns, ", ") + ")";
  finding.samples = sample_rows(rows, columns.size() + 1, context.sample_limit);
  return {finding};
}

}  // namespace plumb
