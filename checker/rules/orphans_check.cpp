#include "rules/orphans_check.hpp"

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"

namespace plumb {
namespace {

// `references` as the parent's table (one or two parts) and column.
void read_parent(const RuleOptions& options, OrphansSpec& spec) {
  const std::string references = options.required_text("references");
  std::vector<std::string> parts;
  try {
    parts = split_name_parts(references);
  } catch (const InputError&) {
    // Said below as for a missing part: the example shows what is expected.
  }
  if (parts.size() < 2 || parts.size() > 3)
    throw options.error("references", "'references' must name the parent's table and column, e.g. members.id");
  spec.parent_column = parts.back();
  spec.parent_table = parts.size() == 3 ? QualifiedName{parts[0], parts[1]} : QualifiedName{std::nullopt, parts[0]};
}

}  // namespace

std::vector<std::string> OrphansCheck::option_keys() const { return {"table", "column", "references", "where"}; }

std::shared_ptr<const RuleSpec> OrphansCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<OrphansSpec>();
  spec->table = *options.table("table", true);
  spec->column = options.required_text("column");
  read_parent(options, *spec);
  spec->where = checked_condition(options);
  return spec;
}

std::vector<Finding> OrphansCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<OrphansSpec>();
  auto& transaction = context.transaction;
  const std::string table = spec.table.to_string();
  const std::string& column = spec.column;
  const std::string parent = spec.parent_table.to_string() + "." + spec.parent_column;
  const std::string reference = "plumb_child." + transaction.quote_name(column);

  // The child is aliased so that an unqualified `where` reads its columns;
  // NOT EXISTS lets the planner use an anti-join on the parent's key.
  // exec_params: the extended protocol takes one statement, whatever the
  // `where` holds.
  const auto rows = transaction.exec_params(
      "SELECT " + reference + " AS " + transaction.quote_name(column) + ", count(*) AS rows, sum(count(*)) OVER () FROM " +
      spec.table.quoted() + " AS plumb_child WHERE " + condition_sql(spec.where) + " AND " + reference +
      " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + spec.parent_table.quoted() +
      " AS plumb_parent WHERE plumb_parent." + transaction.quote_name(spec.parent_column) + " = " + reference +
      ") GROUP BY " + reference + " ORDER BY count(*) DESC, 1" + sample_limit_sql(context.sample_limit));
  if (rows.empty()) return {};

  Finding finding;
  finding.severity = rule.severity;
  finding.object = "column " + table + "." + column;
  finding.key = table + "." + column + "->" + parent;
  finding.message = rows[0][2].as<std::string>() + " row(s) of " + table + " have a " + column + " with no " + parent;
  finding.why = "code that follows the reference finds nothing and fails or silently skips the row";
  finding.fix = "remove or repair those rows, then add a foreign key so that it cannot happen again";
  finding.samples = sample_rows(rows, 2, context.sample_limit);
  return {finding};
}

}  // namespace plumb
