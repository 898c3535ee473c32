#include "rules/accepted_values_check.hpp"

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"
#include "util/text.hpp"

namespace plumb {

std::vector<std::string> AcceptedValuesCheck::option_keys() const { return {"table", "column", "values", "where"}; }

std::shared_ptr<const RuleSpec> AcceptedValuesCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<AcceptedValuesSpec>();
  spec->table = *options.table("table", true);
  spec->column = options.required_text("column");
  spec->values = options.text_list("values", true);
  spec->where = checked_condition(options);
  return spec;
}

std::vector<Finding> AcceptedValuesCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<AcceptedValuesSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const std::string& column = spec.column;
  const auto& values = spec.values;
  const std::string quoted = transaction.quote_name(column);

  // The accepted values go as parameters $1..$n, never into the SQL text.
  std::string placeholders;
  for (size_t index = 1; index <= values.size(); ++index)
    placeholders += (index == 1 ? "$" : ", $") + std::to_string(index);
  const auto rows = transaction.exec_params(
      "SELECT " + quoted + "::text AS " + quoted + ", count(*) AS rows, sum(count(*)) OVER () FROM " +
          spec.table.quoted() + " WHERE " + condition_sql(spec.where) + " AND " + quoted +
          " IS NOT NULL AND " + quoted + "::text NOT IN (" + placeholders + ") GROUP BY " + quoted +
          " ORDER BY count(*) DESC, 1" + sample_limit_sql(context.sample_limit),
      pqxx::prepare::make_dynamic_params(values));
  if (rows.empty()) return {};

  Finding finding;
  finding.severity = rule.severity;
  finding.object = "column " + table + "." + column;
  finding.key = table + "." + column;
  finding.message = rows[0][2].as<std::string>() + " row(s) of " + table + " have a " + column +
                    " outside (" + join(values, ", ") + ")";
  finding.why = "code that branches on " + column + " has no case for these values and skips or mishandles the rows";
  finding.fix = "correct those rows, then add a CHECK constraint on " + column;
  finding.samples = sample_rows(rows, 2, context.sample_limit);
  return {finding};
}

}  // namespace plumb
