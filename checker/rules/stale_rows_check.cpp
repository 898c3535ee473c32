#include "rules/stale_rows_check.hpp"

#include "rules/data_rule_options.hpp"
#include "util/duration.hpp"

namespace plumb {
namespace {

std::chrono::milliseconds older_than(const Rule& rule) {
  try {
    return parse_duration(required_text(rule, "older_than"));
  } catch (const InputError& error) {
    if (!error.where().known()) throw rule_error(rule, rule.options["older_than"], error.what());
    throw;
  }
}

void validate_sweep(const Rule& rule) {
  const YAML::Node sweep = rule.options["sweep"];
  if (!sweep) return;
  // Index a map only: operator[] on a scalar throws yaml-cpp's own error.
  const YAML::Node set = sweep.IsMap() ? sweep["set"] : YAML::Node();
  if (!set || !set.IsMap() || set.size() == 0)
    throw rule_error(rule, sweep, "'sweep' must be a map with 'set', e.g. {set: {status: failed}}");
  for (const auto& entry : sweep) {
    const std::string key = entry.first.as<std::string>();
    if (key != "set" && key != "follow_up")
      throw rule_error(rule, entry.first, "unknown key '" + key + "' in 'sweep' (expected set, follow_up)");
  }
  for (const auto& entry : set)
    if (!entry.second.IsScalar() && !entry.second.IsNull())
      throw rule_error(rule, entry.second, "'sweep.set." + entry.first.as<std::string>() + "' must be a value");
  const YAML::Node follow_up = sweep["follow_up"];
  if (!follow_up) return;
  if (!follow_up.IsSequence() || follow_up.size() == 0)
    throw rule_error(rule, follow_up, "'sweep.follow_up' must be a non-empty list of columns");
  for (const auto& column : follow_up)
    if (!column.IsScalar() || column.Scalar().empty())
      throw rule_error(rule, column, "each item of 'sweep.follow_up' must be a column name");
}

}  // namespace

std::vector<std::string> StaleRowsCheck::option_keys() const {
  return {"table", "where", "timestamp", "older_than", "show", "sweep"};
}

void StaleRowsCheck::validate(const Rule& rule, const std::vector<Model>&) const {
  required_text(rule, "table");
  required_text(rule, "where");
  checked_sql(rule);
  required_text(rule, "timestamp");
  older_than(rule);
  text_list(rule, "show", false);
  validate_sweep(rule);
}

std::vector<Finding> StaleRowsCheck::run(const Rule& rule, CheckContext& context) const {
  auto& transaction = context.transaction;
  const std::string table = required_text(rule, "table");
  const std::string timestamp = transaction.quote_name(required_text(rule, "timestamp"));
  const auto show = text_list(rule, "show", false);
  const std::string stale = " FROM " + quote_qualified(transaction, table) + " WHERE " + condition_sql(rule) +
                            " AND " + timestamp + " < now() - $1::bigint * interval '1 millisecond'";
  const long long threshold = older_than(rule).count();

  // The count and the oldest age come from one pass; the window runs before
  // LIMIT, so the samples cost no second scan.
  const std::string columns = show.empty() ? "" : quote_columns(transaction, show) + ", ";
  const auto rows = transaction.exec_params(
      "SELECT " + columns + "count(*) OVER (), " +
          "date_trunc('second', now() - min(" + timestamp + ") OVER ())::text" + stale +
          " ORDER BY " + timestamp + sample_limit_sql(context.sample_limit),
      threshold);
  if (rows.empty()) return {};

  Finding finding;
  finding.severity = rule.severity;
  finding.object = "table " + table;
  finding.key = table;
  const std::string count = rows[0][pqxx::row::size_type(show.size())].c_str();
  const std::string age = rows[0][pqxx::row::size_type(show.size() + 1)].c_str();
  finding.message = count + " row(s) of " + table + " where " + required_text(rule, "where") + " for more than " +
                    required_text(rule, "older_than") + "; the oldest for " + age;
  finding.why = "rows stuck in a state block what waits for them to leave it, and nothing else will move them";
  finding.fix = rule.options["sweep"] ? "run `plumb sweep --only " + rule.id + "` to move them, then find why they stuck"
                                      : "find why they stuck and move them out of that state";
  finding.samples = sample_rows(rows, show.size(), context.sample_limit);
  return {finding};
}

}  // namespace plumb
