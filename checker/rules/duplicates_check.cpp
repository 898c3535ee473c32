#include "rules/duplicates_check.hpp"

#include <algorithm>

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

bool compared_lowered(const DuplicatesSpec& spec, const std::string& column) {
  return std::find(spec.case_insensitive.begin(), spec.case_insensitive.end(), column) != spec.case_insensitive.end();
}

// The key as a person reads it: `lower(email)` for a case-insensitive column.
std::vector<std::string> key_labels(const DuplicatesSpec& spec) {
  std::vector<std::string> labels;
  for (const auto& column : spec.columns) labels.push_back(compared_lowered(spec, column) ? "lower(" + column + ")" : column);
  return labels;
}

// The key as SQL that groups it; `::text` so that lower() reads any type.
std::vector<std::string> key_expressions(pqxx::transaction_base& transaction, const DuplicatesSpec& spec) {
  std::vector<std::string> expressions;
  for (const auto& column : spec.columns) {
    const std::string quoted = transaction.quote_name(column);
    expressions.push_back(compared_lowered(spec, column) ? "lower(" + quoted + "::text)" : quoted);
  }
  return expressions;
}

}  // namespace

std::vector<std::string> DuplicatesCheck::option_keys() const { return {"table", "columns", "case_insensitive", "where"}; }

std::shared_ptr<const RuleSpec> DuplicatesCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<DuplicatesSpec>();
  spec->table = *options.table("table", true);
  spec->columns = options.text_list("columns", true);
  spec->case_insensitive = options.text_list("case_insensitive", false);
  for (const auto& column : spec->case_insensitive)
    if (std::find(spec->columns.begin(), spec->columns.end(), column) == spec->columns.end())
      throw options.error("case_insensitive", "'case_insensitive' names " + column + ", which is not one of 'columns'");
  spec->where = checked_condition(options);
  return spec;
}

std::vector<Finding> DuplicatesCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<DuplicatesSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const auto labels = key_labels(spec);
  const auto expressions = key_expressions(transaction, spec);
  std::vector<std::string> selected, positions;
  for (size_t i = 0; i < expressions.size(); ++i) {
    selected.push_back(expressions[i] + " AS " + transaction.quote_name(labels[i]));
    positions.push_back(std::to_string(i + 1));
  }
  std::string not_null;
  for (const auto& column : spec.columns) not_null += " AND " + transaction.quote_name(column) + " IS NOT NULL";

  // Windows over the grouped rows run before LIMIT: the totals cover every
  // group while only the samples are sent back. exec_params: the extended
  // protocol takes one statement, whatever the `where` holds.
  const auto rows = transaction.exec_params(
      "SELECT " + join(selected, ", ") + ", count(*) AS rows, count(*) OVER (), sum(count(*)) OVER ()" + " FROM " +
      spec.table.quoted() + " WHERE " + condition_sql(spec.where) + not_null + " GROUP BY " + join(positions, ", ") +
      " HAVING count(*) > 1 ORDER BY count(*) DESC, " + join(positions, ", ") + sample_limit_sql(context.sample_limit));
  if (rows.empty()) return {};

  const size_t width = spec.columns.size();
  const long long groups = rows[0][pqxx::row::size_type(width + 1)].as<long long>();
  const long long in_groups = rows[0][pqxx::row::size_type(width + 2)].as<long long>();
  const std::string key = join(labels, ", ");
  Finding finding;
  finding.severity = rule.severity;
  finding.object = "table " + table;
  finding.key = table + "(" + key + ")";
  finding.message = std::to_string(groups) + " duplicate group(s) on (" + key + ") in " + table + ": " +
                    std::to_string(in_groups - groups) + " excess row(s), " + std::to_string(in_groups) +
                    " row(s) in duplicate groups";
  finding.why = "the application treats these columns as identifying one row; a duplicate is counted, sent or billed twice";
  finding.fix = "remove the excess rows, then make a unique index enforce (" + key + ")";
  finding.samples = sample_rows(rows, width + 1, context.sample_limit);
  return {finding};
}

}  // namespace plumb
