#include "rules/sql_check.hpp"

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"

namespace plumb {

std::vector<std::string> SqlCheck::option_keys() const { return {"query"}; }

std::shared_ptr<const RuleSpec> SqlCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<SqlSpec>();
  spec->query = checked_query(options);
  return spec;
}

namespace {

// A CTE keeps the user's query whole (ORDER BY, its own LIMIT); the extended
// protocol of exec_params accepts a single statement only.
pqxx::result violations(const Rule& rule, CheckContext& context) {
  try {
    return context.transaction.exec_params(
        "WITH plumb_violations AS (" + rule.spec_as<SqlSpec>().query.text +
            "\n) SELECT *, count(*) OVER () AS plumb_total FROM plumb_violations LIMIT $1",
        std::max(context.sample_limit, 1));
  } catch (const pqxx::sql_error& error) {
    // Inside the CTE the server names the outer SELECT ("cannot execute
    // SELECT in a read-only transaction"); say what really happened.
    if (error.sqlstate() != "25006") throw;
    throw RuntimeFailure("the query tries to write, and rules run in a READ ONLY transaction: the server refused it (" +
                         error.sqlstate() + ")");
  }
}

}  // namespace

std::vector<Finding> SqlCheck::run(const Rule& rule, CheckContext& context) const {
  const auto rows = violations(rule, context);
  if (rows.empty()) return {};

  const auto total_column = pqxx::row::size_type(rows.columns() - 1);
  Finding finding;
  finding.severity = rule.severity;
  finding.object = "query of rule " + rule.id;
  finding.key = rule.id;
  finding.message = rows[0][total_column].as<std::string>() + " row(s) break the rule" +
                    (rule.description.empty() ? "" : ": " + rule.description);
  finding.why = "the rule's query returns the rows that break an invariant the application relies on";
  finding.fix = "correct the rows the query returns";
  finding.samples = sample_rows(rows, rows.columns() - 1, context.sample_limit);
  return {finding};
}

}  // namespace plumb
