#include "rules/not_null_check.hpp"

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"

namespace plumb {

std::vector<std::string> NotNullCheck::option_keys() const { return {"table", "columns", "where", "show"}; }

std::shared_ptr<const RuleSpec> NotNullCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<NotNullSpec>();
  spec->table = *options.table("table", true);
  spec->columns = options.text_list("columns", true);
  spec->where = checked_condition(options);
  spec->show = options.text_list("show", false);
  return spec;
}

std::vector<Finding> NotNullCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<NotNullSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const std::string from = " FROM " + spec.table.quoted() + " WHERE " + condition_sql(spec.where);
  const auto& columns = spec.columns;
  const auto& show = spec.show;

  // All columns are counted in one scan; samples are fetched only for the
  // columns that hold NULL, which a passing rule never pays for. Both go
  // by exec_params: the extended protocol takes one statement, whatever the
  // `where` holds.
  std::string counts;
  for (const auto& column : columns)
    counts += std::string(counts.empty() ? "" : ", ") + "count(*) FILTER (WHERE " + transaction.quote_name(column) + " IS NULL)";
  const pqxx::row totals = transaction.exec_params1("SELECT " + counts + from);

  std::vector<Finding> findings;
  for (size_t index = 0; index < columns.size(); ++index) {
    const long long nulls = totals[pqxx::row::size_type(index)].as<long long>();
    if (nulls == 0) continue;
    const std::string null_test = " AND " + transaction.quote_name(columns[index]) + " IS NULL";
    Finding finding;
    finding.severity = rule.severity;
    finding.object = "column " + table + "." + columns[index];
    finding.key = table + "." + columns[index];
    finding.message = std::to_string(nulls) + " row(s) of " + table + " have NULL in " + columns[index];
    finding.why = "the application reads " + columns[index] + " as always present; a NULL there fails at run time";
    finding.fix = "fill or remove those rows, then declare the column NOT NULL";
    if (!show.empty() && context.sample_limit > 0)
      finding.samples = sample_rows(transaction.exec_params("SELECT " + quote_columns(transaction, show) + from + null_test +
                                                     " LIMIT " + std::to_string(context.sample_limit)),
                                    show.size(), context.sample_limit);
    findings.push_back(finding);
  }
  return findings;
}

}  // namespace plumb
