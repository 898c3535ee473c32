#include "rules/orphans_check.hpp"

#include "rules/data_rule_options.hpp"

namespace plumb {
namespace {

struct ParentColumn {
  std::string table;   // "members" or "schema.members"
  std::string column;
};

ParentColumn parent_of(const Rule& rule) {
  const std::string references = required_text(rule, "references");
  const auto dot = references.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == references.size())
    throw rule_error(rule, rule.options["references"],
                     "'references' must name the parent's table and column, e.g. members.id");
  return {references.substr(0, dot), references.substr(dot + 1)};
}

}  // namespace

std::vector<std::string> OrphansCheck::option_keys() const { return {"table", "column", "references", "where"}; }

void OrphansCheck::validate(const Rule& rule, const std::vector<Model>&) const {
  required_text(rule, "table");
  required_text(rule, "column");
  parent_of(rule);
  checked_sql(rule);
}

std::vector<Finding> OrphansCheck::run(const Rule& rule, CheckContext& context) const {
  auto& transaction = context.transaction;
  const std::string table = required_text(rule, "table");
  const std::string column = required_text(rule, "column");
  const ParentColumn parent = parent_of(rule);
  const std::string reference = "plumb_child." + transaction.quote_name(column);

  // The child is aliased so that an unqualified `where` reads its columns;
  // NOT EXISTS lets the planner use an anti-join on the parent's key.
  // exec_params: the extended protocol takes one statement, whatever the
  // `where` holds.
  const auto rows = transaction.exec_params(
      "SELECT " + reference + " AS " + transaction.quote_name(column) + ", count(*) AS rows, sum(count(*)) OVER () FROM " +
      quote_qualified(transaction, table) + " AS plumb_child WHERE " + condition_sql(rule) + " AND " + reference +
      " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + quote_qualified(transaction, parent.table) +
      " AS plumb_parent WHERE plumb_parent." + transaction.quote_name(parent.column) + " = " + reference +
      ") GROUP BY " + reference + " ORDER BY count(*) DESC, 1" + sample_limit_sql(context.sample_limit));
  if (rows.empty()) return {};

  Finding finding;
  finding.severity = rule.severity;
  finding.object = "column " + table + "." + column;
  finding.key = table + "." + column + "->" + parent.table + "." + parent.column;
  finding.message = rows[0][2].as<std::string>() + " row(s) of " + table + " have a " + column + " with no " +
                    parent.table + "." + parent.column;
  finding.why = "code that follows the reference finds nothing and fails or silently skips the row";
  finding.fix = "remove or repair those rows, then add a foreign key so that it cannot happen again";
  finding.samples = sample_rows(rows, 2, context.sample_limit);
  return {finding};
}

}  // namespace plumb
