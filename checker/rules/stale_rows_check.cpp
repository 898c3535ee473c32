#include "rules/stale_rows_check.hpp"

#include <algorithm>

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"
#include "vocabulary/stale_rows_spec.hpp"

namespace plumb {

std::vector<std::string> StaleRowsCheck::option_keys() const {
  return {"table", "where", "timestamp", "older_than", "show", "sweep"};
}

std::shared_ptr<const RuleSpec> StaleRowsCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<StaleRowsSpec>();
  spec->table = *options.table("table", true);
  spec->where = *checked_condition(options, true);
  spec->timestamp = options.required_text("timestamp");
  spec->older_than = options.duration("older_than");
  spec->older_than_text = options.required_text("older_than");
  spec->show = options.text_list("show", false);
  spec->sweep = options.sweep();
  return spec;
}

namespace {

// The rows in the state whose timestamp is NULL: `<` never holds for them,
// so they are never stale, and a batch stuck with no start time would stay
// unseen. Counted, and said, rather than dropped in silence.
std::optional<Finding> untimed_rows(const Rule& rule, CheckContext& context) {
  const auto& spec = rule.spec_as<StaleRowsSpec>();
  auto& transaction = context.transaction;
  const auto count = transaction
                         .exec_params("SELECT count(*) FROM " + spec.table.quoted() + " WHERE " +
                                      condition_sql(spec.where) + " AND " + transaction.quote_name(spec.timestamp) +
                                      " IS NULL")[0][0]
                         .as<long long>();
  if (count == 0) return std::nullopt;
  const std::string table = spec.table.to_string();
  Finding finding;
  finding.severity = std::min(rule.severity, Severity::warning);
  finding.object = "table " + table;
  finding.key = table + "." + spec.timestamp + " IS NULL";
  finding.message = std::to_string(count) + " row(s) of " + table + " where " + spec.where.text + " have no " +
                    spec.timestamp + " (NULL): plumb cannot tell how long they have been there, so it counts them apart";
  finding.why = "a row in the state with no timestamp is never older than the threshold; if it is stuck, nothing says so";
  finding.fix = "set " + spec.timestamp + " where the application puts rows into that state, and look at these rows by hand" +
                (spec.sweep ? std::string(" (`plumb sweep` does not move them)") : std::string());
  return finding;
}

}  // namespace

std::vector<Finding> StaleRowsCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<StaleRowsSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const std::string timestamp = transaction.quote_name(spec.timestamp);
  const std::string stale = " FROM " + spec.table.quoted() + " WHERE " + condition_sql(spec.where) + " AND " +
                            timestamp + " < now() - $1::bigint * interval '1 millisecond'";

  // The count and the oldest age come from one pass; the window runs before
  // LIMIT, so the samples cost no second scan.
  const std::string columns = spec.show.empty() ? "" : quote_columns(transaction, spec.show) + ", ";
  std::vector<Finding> findings;
  if (auto untimed = untimed_rows(rule, context)) findings.push_back(std::move(*untimed));
  const auto rows = transaction.exec_params(
      "SELECT " + columns + "count(*) OVER (), " +
          "date_trunc('second', now() - min(" + timestamp + ") OVER ())::text" + stale +
          " ORDER BY " + timestamp + sample_limit_sql(context.sample_limit),
      static_cast<long long>(spec.older_than.count()));
  if (rows.empty()) return findings;

  Finding finding;
  finding.severity = rule.severity;
  finding.object = "table " + table;
  finding.key = table;
  const std::string count = rows[0][pqxx::row::size_type(spec.show.size())].c_str();
  const std::string age = rows[0][pqxx::row::size_type(spec.show.size() + 1)].c_str();
  finding.message = count + " row(s) of " + table + " where " + spec.where.text + " for more than " +
                    spec.older_than_text + "; the oldest for " + age;
  finding.why = "rows stuck in a state block what waits for them to leave it, and nothing else will move them";
  finding.fix = spec.sweep ? "run `plumb sweep --only " + rule.id + "` to move them, then find why they stuck"
                           : "find why they stuck and move them out of that state";
  finding.samples = sample_rows(rows, spec.show.size(), context.sample_limit);
  findings.insert(findings.begin(), std::move(finding));
  return findings;
}

}  // namespace plumb
