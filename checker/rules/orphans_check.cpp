#include "rules/orphans_check.hpp"

#include <set>

#include "rules/data_rule_options.hpp"
#include "rules/rule_options.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const char* k_references_example = "e.g. members.id, or members(account_id, id) for several columns";

// The items of "a, b" split at the commas outside double quotes, trimmed.
std::vector<std::string> comma_separated(const std::string& text) {
  std::vector<std::string> items(1);
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      items.emplace_back();
      continue;
    }
    items.back() += c;
  }
  for (auto& item : items) item = trim(item);
  return items;
}

// One column name as written in `references` (quotes allowed, no dot).
std::string column_part(const std::string& text) {
  const auto parts = split_name_parts(text);
  if (parts.size() != 1) throw InputError("a column name has no dot");
  return parts[0];
}

// "parent(a, b)" or "schema.parent(a, b)".
void read_parent_with_list(const std::string& references, OrphansSpec& spec) {
  const auto open = references.find('(');
  if (references.back() != ')') throw InputError("the column list must end with ')'");
  spec.parent_table = QualifiedName::parse(trim(references.substr(0, open)));
  for (const auto& item : comma_separated(references.substr(open + 1, references.size() - open - 2)))
    spec.parent_columns.push_back(column_part(item));
}

// "parent.column" or "schema.parent.column".
void read_dotted_parent(const std::string& references, OrphansSpec& spec) {
  const auto parts = split_name_parts(references);
  if (parts.size() < 2 || parts.size() > 3) throw InputError("no column named");
  spec.parent_columns = {parts.back()};
  spec.parent_table = parts.size() == 3 ? QualifiedName{parts[0], parts[1]} : QualifiedName{std::nullopt, parts[0]};
}

// `references` as the parent's table and the columns of its key.
void read_parent(const RuleOptions& options, OrphansSpec& spec) {
  const std::string references = trim(options.required_text("references"));
  try {
    if (references.find('(') != std::string::npos)
      read_parent_with_list(references, spec);
    else
      read_dotted_parent(references, spec);
  } catch (const InputError&) {
    // Said as one message: the example shows what is expected.
    throw options.error("references",
                        std::string("'references' must name the parent's table and column, ") + k_references_example);
  }
}

// `column: a` or `columns: [a, b]`, exactly one of them, no column twice.
void read_reference(const RuleOptions& options, OrphansSpec& spec) {
  if (options.has("column") == options.has("columns"))
    throw options.error(options.has("column") ? "columns" : "column",
                        "give the reference as 'column' (one) or 'columns' (several), not both");
  spec.columns = options.has("column") ? std::vector<std::string>{options.required_text("column")}
                                       : options.text_list("columns", true);
  if (std::set<std::string>(spec.columns.begin(), spec.columns.end()).size() != spec.columns.size())
    throw options.error("columns", "'columns' names a column twice");
}

// `table.column` for one column, `table(a, b)` for several: as a rule names them.
std::string reference_text(const QualifiedName& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) return table.to_string() + "." + columns[0];
  return table.to_string() + "(" + join(columns, ", ") + ")";
}

// The name of a NOT VALID foreign key from the child to the parent over
// exactly these column pairs (in any order), if the child has one: its rows
// are then checked by `VALIDATE CONSTRAINT`, no new key needed.
std::optional<std::string> not_valid_foreign_key(pqxx::transaction_base& transaction, const OrphansSpec& spec) {
  std::vector<std::string> pairs;
  for (size_t i = 0; i < spec.columns.size(); ++i)
    pairs.push_back("(" + transaction.quote(spec.columns[i]) + ", " + transaction.quote(spec.parent_columns[i]) + ")");
  const auto rows = transaction.exec_params(
      "SELECT c.conname FROM pg_constraint c WHERE c.contype = 'f' AND NOT c.convalidated"
      " AND c.conrelid = to_regclass($1) AND c.confrelid = to_regclass($2) AND cardinality(c.conkey) = $3"
      " AND NOT EXISTS (SELECT 1 FROM (VALUES " + join(pairs, ", ") + ") AS wanted(child, parent)"
      "   WHERE NOT EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k(child, parent)"
      "     JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.child"
      "     JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.parent"
      "     WHERE ca.attname = wanted.child AND pa.attname = wanted.parent))"
      " ORDER BY c.conname LIMIT 1",
      spec.table.quoted(), spec.parent_table.quoted(), static_cast<int>(spec.columns.size()));
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

// The fix: validate the foreign key that exists, else add one.
std::string orphans_fix(pqxx::transaction_base& transaction, const OrphansSpec& spec) {
  const auto constraint = not_valid_foreign_key(transaction, spec);
  if (!constraint) return "remove or repair those rows, then add a foreign key so that it cannot happen again";
  return "remove or repair those rows, then validate the foreign key that is already there (NOT VALID): ALTER TABLE " +
         (spec.table.schema ? quote_identifier(*spec.table.schema) + "." : "") + quote_identifier(spec.table.name) +
         " VALIDATE CONSTRAINT " + quote_identifier(*constraint) + ";";
}

}  // namespace

std::vector<std::string> OrphansCheck::option_keys() const { return {"table", "column", "columns", "references", "where"}; }

std::shared_ptr<const RuleSpec> OrphansCheck::validate(const RuleOptions& options, const std::vector<Model>&) const {
  auto spec = std::make_shared<OrphansSpec>();
  spec->table = *options.table("table", true);
  read_reference(options, *spec);
  read_parent(options, *spec);
  if (spec->parent_columns.size() != spec->columns.size())
    throw options.error("references", "'references' names " + std::to_string(spec->parent_columns.size()) +
                                          " column(s) of the parent for " + std::to_string(spec->columns.size()) +
                                          " of the reference, " + k_references_example);
  spec->where = checked_condition(options);
  return spec;
}

std::vector<Finding> OrphansCheck::run(const Rule& rule, CheckContext& context) const {
  const auto& spec = rule.spec_as<OrphansSpec>();
  auto& transaction = context.transaction;
  std::vector<std::string> selected, not_null, matches, positions;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string reference = "plumb_child." + transaction.quote_name(spec.columns[i]);
    selected.push_back(reference + " AS " + transaction.quote_name(spec.columns[i]));
    not_null.push_back(reference + " IS NOT NULL");
    matches.push_back("plumb_parent." + transaction.quote_name(spec.parent_columns[i]) + " = " + reference);
    positions.push_back(std::to_string(i + 1));
  }

  // The child is aliased so that an unqualified `where` reads its columns;
  // NOT EXISTS lets the planner use an anti-join on the parent's key.
  // exec_params: the extended protocol takes one statement, whatever the
  // `where` holds.
  const auto rows = transaction.exec_params(
      "SELECT " + join(selected, ", ") + ", count(*) AS rows, sum(count(*)) OVER () FROM " + spec.table.quoted() +
      " AS plumb_child WHERE " + condition_sql(spec.where) + " AND " + join(not_null, " AND ") +
      " AND NOT EXISTS (SELECT 1 FROM " + spec.parent_table.quoted() + " AS plumb_parent WHERE " +
      join(matches, " AND ") + ") GROUP BY " + join(positions, ", ") + " ORDER BY count(*) DESC, " +
      join(positions, ", ") + sample_limit_sql(context.sample_limit));
  if (rows.empty()) return {};

  const std::string table = spec.table.to_string();
  const std::string child = spec.columns.size() == 1 ? spec.columns[0] : "(" + join(spec.columns, ", ") + ")";
  const std::string parent = reference_text(spec.parent_table, spec.parent_columns);
  Finding finding;
  finding.severity = rule.severity;
  finding.object = (spec.columns.size() == 1 ? "column " : "columns ") + reference_text(spec.table, spec.columns);
  finding.key = reference_text(spec.table, spec.columns) + "->" + parent;
  finding.message = rows[0][pqxx::row::size_type(spec.columns.size() + 1)].as<std::string>() + " row(s) of " + table +
                    " have a " + child + " with no " + parent;
  finding.why = "code that follows the reference finds nothing and fails or silently skips the row";
  finding.fix = orphans_fix(transaction, spec);
  finding.samples = sample_rows(rows, spec.columns.size() + 1, context.sample_limit);
  return {finding};
}

}  // namespace plumb
