#include "rules/uniqueness_findings.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "schema/condition_facts.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using Value = std::optional<std::string>;  // a SQL literal; nullopt is NULL
using Pair = std::pair<Value, Value>;

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Two different values a column of this type can hold, as SQL literals.
std::optional<std::pair<std::string, std::string>> values_of_type(const Column* column) {
  if (column == nullptr) return std::nullopt;
  const std::string type = column->type.substr(0, column->type.find('('));
  if (type == "smallint" || type == "integer" || type == "bigint" || type == "numeric" || type == "real" ||
      type == "double precision")
    return std::make_pair("1", "2");
  if (type == "text" || type == "character varying" || type == "character" || type == "citext")
    return std::make_pair("'a'", "'b'");
  if (type == "boolean") return std::make_pair("true", "false");
  if (type == "uuid") return std::make_pair("'00000000-0000-0000-0000-000000000001'", "'00000000-0000-0000-0000-000000000002'");
  if (type == "date") return std::make_pair("'2026-01-01'", "'2026-01-02'");
  if (starts_with(type, "timestamp")) return std::make_pair("'2026-01-01 00:00:00'", "'2026-01-02 00:00:00'");
  return std::nullopt;
}

// The rows being built: one value pair per column, in display order.
struct Rows {
  std::vector<std::string> columns;
  std::vector<Pair> values;

  const Pair* find(const std::string& column) const {
    const auto at = std::find(columns.begin(), columns.end(), column);
    return at == columns.end() ? nullptr : &values[static_cast<size_t>(at - columns.begin())];
  }
  void add(const std::string& column) {
    if (!column.empty() && !contains(columns, column)) {
      columns.push_back(column);
      values.emplace_back();
    }
  }
};

bool equal_values(const Value& a, const Value& b, bool case_insensitive) {
  if (!a || !b) return !a && !b;
  return case_insensitive ? ascii_lower(*a) == ascii_lower(*b) : *a == *b;
}

// Whether both rows meet `facts` (nullopt: the rows do not say).
std::optional<bool> rows_meet(const ConditionFacts& facts, const Rows& rows) {
  if (!facts.parsed || !facts.only_facts) return std::nullopt;
  for (const auto& [column, literal] : facts.fixed) {
    const Pair* pair = rows.find(column);
    if (pair == nullptr) return std::nullopt;
    const Value wanted = literal.kind == Literal::Kind::null ? Value() : Value(literal.sql);
    if (!equal_values(pair->first, wanted, false) || !equal_values(pair->second, wanted, false)) return false;
  }
  for (const auto& [column, literals] : facts.one_of) {
    const Pair* pair = rows.find(column);
    if (pair == nullptr) return std::nullopt;
    for (const Value& value : {pair->first, pair->second}) {
      const bool listed = value && std::any_of(literals.begin(), literals.end(), [&](const Literal& l) { return l.sql == *value; });
      if (!listed) return false;
    }
  }
  for (const auto& column : facts.not_null) {
    const Pair* pair = rows.find(column);
    if (pair == nullptr) return std::nullopt;
    if (!pair->first || !pair->second) return false;
  }
  return true;
}

// Whether `rule` rejects the pair (nullopt: plumb cannot tell from the rows).
std::optional<bool> rule_rejects(const UniquenessRule& rule, const Rows& rows) {
  for (const auto& column : rule.columns) {
    const Pair* pair = rows.find(column);
    if (pair == nullptr) return false;  // a column the rows leave free: let it differ
    if (!pair->first && !pair->second) {
      if (rule_lets_nulls_repeat(rule, column)) return false;
      continue;
    }
    if ((!pair->first || !pair->second) && (contains(rule.skip_when_null, column) || contains(rule.skip_when_blank, column)))
      return false;
    if (!equal_values(pair->first, pair->second, contains(rule.case_insensitive, column))) return false;
  }
  if (!rule.condition) return true;
  return rows_meet(condition_facts(*rule.condition), rows);
}

// Whether `index` rejects the pair, for certain.
bool index_rejects(const Index& index, const Table& table, const Rows& rows) {
  for (const auto& key : key_meanings(index, table)) {
    const Pair* pair = rows.find(key.column);
    if (key.kind == KeyMeaning::Kind::not_understood || pair == nullptr) return false;
    Value first = pair->first, second = pair->second;
    if (key.kind == KeyMeaning::Kind::null_as_value) {
      if (!first) first = key.constant;
      if (!second) second = key.constant;
    }
    if ((!first || !second) && !index.nulls_not_distinct) return false;
    if (!equal_values(first, second, key.kind == KeyMeaning::Kind::lowered)) return false;
  }
  return !index.predicate || rows_meet(condition_facts(*index.predicate), rows) == std::optional<bool>(true);
}

// The facts of each readable CHECK constraint of `table` (nullopt for one
// that is not plain facts: plumb cannot tell what it lets in).
std::vector<std::optional<ConditionFacts>> check_facts(const Table& table) {
  std::vector<std::optional<ConditionFacts>> checks;
  for (const auto& constraint : table.constraints) {
    if (constraint.type != ConstraintType::check) continue;
    ConditionFacts facts = condition_facts(constraint.check_condition());
    checks.push_back(facts.parsed && facts.only_facts ? std::optional<ConditionFacts>(std::move(facts)) : std::nullopt);
  }
  return checks;
}

// The first value the table's CHECK constraints allow `column` when one
// limits it to a value or a list (`CHECK (status IN ('running', 'done'))`).
std::optional<std::string> value_checks_allow(const Table& table, const std::string& column) {
  for (const auto& facts : check_facts(table)) {
    if (!facts) continue;
    if (const auto fixed = facts->fixed.find(column); fixed != facts->fixed.end() && fixed->second.kind != Literal::Kind::null)
      return fixed->second.sql;
    if (const auto some = facts->one_of.find(column); some != facts->one_of.end()) return some->second.front().sql;
  }
  return std::nullopt;
}

// Whether a value meets a CHECK's fact on its column: NULL meets a value or a
// list (a CHECK passes when it is NULL), not NOT NULL.
bool meets_check(const ConditionFacts& facts, const std::string& column, const Value& value) {
  if (const auto fixed = facts.fixed.find(column); fixed != facts.fixed.end()) {
    if (fixed->second.kind == Literal::Kind::null) return !value;
    if (value && *value != fixed->second.sql) return false;
  }
  if (const auto some = facts.one_of.find(column); some != facts.one_of.end() && value)
    if (std::none_of(some->second.begin(), some->second.end(), [&](const Literal& l) { return l.sql == *value; })) return false;
  return value || facts.not_null.count(column) == 0 || facts.fixed.count(column) || facts.one_of.count(column);
}

// Whether both rows keep every CHECK constraint of the table, for certain:
// a check that reads a column of the rows must be plain facts the rows meet;
// columns the rows leave out are the insert's to choose.
bool rows_keep_checks(const Table& table, const Rows& rows) {
  size_t at = 0;
  const auto checks = check_facts(table);
  for (const auto& constraint : table.constraints) {
    if (constraint.type != ConstraintType::check) continue;
    const auto& facts = checks[at++];
    const bool reads_rows = std::any_of(constraint.columns.begin(), constraint.columns.end(),
                                        [&](const std::string& column) { return rows.find(column) != nullptr; });
    if (!reads_rows) continue;
    if (!facts) return false;
    for (size_t i = 0; i < rows.columns.size(); ++i)
      if (!meets_check(*facts, rows.columns[i], rows.values[i].first) ||
          !meets_check(*facts, rows.columns[i], rows.values[i].second))
        return false;
  }
  return true;
}

// The pair for the column the rows differ in, or nullopt when none fits.
std::optional<Pair> differing_values(const Strictness& why, const UniquenessRule& closest,
                                     const std::pair<std::string, std::string>& values) {
  using Kind = Strictness::Kind;
  switch (why.kind) {
    case Kind::missing_column: return Pair{values.first, values.second};
    case Kind::case_folded: return values.first == "'a'" ? std::optional<Pair>(Pair{"'A'", "'a'"}) : std::nullopt;
    case Kind::nulls_equal: return Pair{std::nullopt, std::nullopt};
    case Kind::null_as_value: break;  // built from the key's constant by the caller
    case Kind::wider_predicate: {
      const ConditionFacts facts = condition_facts(closest.condition.value_or(""));
      const auto fixed = facts.fixed.find(why.column);
      if (fixed != facts.fixed.end() && fixed->second.kind == Literal::Kind::null) return Pair{values.first, values.first};
      std::vector<std::string> wanted;
      if (fixed != facts.fixed.end()) wanted.push_back(fixed->second.sql);
      if (const auto some = facts.one_of.find(why.column); some != facts.one_of.end())
        for (const auto& literal : some->second) wanted.push_back(literal.sql);
      if (wanted.empty()) return Pair{std::nullopt, std::nullopt};  // the rule needs it NOT NULL
      for (const auto& candidate : {values.first, values.second})
        if (!contains(wanted, candidate)) return Pair{candidate, candidate};
      return std::nullopt;
    }
    default: break;
  }
  return std::nullopt;
}

std::string key_list(const UniquenessRule& rule) {
  std::vector<std::string> keys;
  for (const auto& column : rule.columns)
    keys.push_back(contains(rule.case_insensitive, column) ? "lower(" + quote_identifier(column) + ")" : quote_identifier(column));
  return join(keys, ", ");
}

std::string index_name_for(const Table& table, const UniquenessRule& rule) {
  std::string name = "index_" + table.name + "_on_" + join(rule.columns, "_and_");
  // PostgreSQL truncates names at 63 bytes; a shorter name the team chose
  // beats a generated hash.
  if (name.size() > 63) name = "uniq_" + table.name.substr(0, 40) + "_model";
  return name;
}

bool column_nullable(const Table& table, const std::string& column) {
  const Column* found = table.find_column(column);
  return found == nullptr || !found->not_null;
}

// The unique index that rejects exactly the pairs `rule` rejects: skipped
// columns leave the index through its predicate, NULLs equal where the rule
// counts them equal.
std::string create_unique_sql(const Table& table, const UniquenessRule& rule) {
  std::vector<std::string> predicate;
  if (rule.condition) predicate.push_back("(" + *rule.condition + ")");
  for (const auto& column : rule.skip_when_null) predicate.push_back(quote_identifier(column) + " IS NOT NULL");
  for (const auto& column : rule.skip_when_blank)
    predicate.push_back(quote_identifier(column) + " !~ '^[[:space:]]*$'");  // also false for NULL
  bool nulls_matter = false;
  for (const auto& column : rule.columns)
    nulls_matter = nulls_matter || (!rule_lets_nulls_repeat(rule, column) && column_nullable(table, column));
  return "CREATE UNIQUE INDEX CONCURRENTLY " + quote_identifier(index_name_for(table, rule)) + " ON " +
         qualified(table.schema, table.name) + " (" + key_list(rule) + ")" + (nulls_matter ? " NULLS NOT DISTINCT" : "") +
         (predicate.empty() ? "" : " WHERE " + join(predicate, " AND ")) + ";";
}

std::string index_text(const Index& index) {
  return index.name + " (" + join(index.key_texts(), ", ") + ")" + (index.predicate ? " WHERE " + *index.predicate : "");
}

const char* k_too_strict_why =
    "the database rejects rows the application considers valid: an insert or update it thought valid fails with a "
    "unique violation (in Rails, ActiveRecord::RecordNotUnique), and whatever made it, a request or a background job, "
    "fails half way";

}  // namespace

std::string describe(const UniquenessRule& rule) {
  std::string text = "unique (" + join(rule.columns, ", ") + ")";
  if (!rule.case_insensitive.empty()) text += " case-insensitive in " + join(rule.case_insensitive, ", ");
  if (rule.condition) text += " where " + *rule.condition;
  if (rule.nulls == NullSemantics::not_distinct) text += ", NULLs not distinct";
  if (!rule.skip_when_null.empty()) text += ", skipped when " + join(rule.skip_when_null, " or ") + " IS NULL";
  if (!rule.skip_when_blank.empty()) text += ", skipped when " + join(rule.skip_when_blank, " or ") + " is blank";
  // The app's own condition is not compared; quoted so that a person can judge.
  if (rule.conditional) text += ", conditional on app code: " + *rule.conditional;
  if (!rule.origin.empty()) text += " (" + rule.origin + ")";
  return text;
}

SampleRows example_rows(const Table& table, const Index& index, const UniquenessRule& closest, const Strictness& why,
                        const std::vector<UniquenessRule>& rules) {
  SampleRows none;
  if (!why.certain()) return none;
  Rows rows;
  for (const auto& column : closest.columns) rows.add(column);
  for (const auto& key : key_meanings(index, table)) rows.add(key.column);
  const ConditionFacts predicate = index.predicate ? condition_facts(*index.predicate) : ConditionFacts{};
  for (const auto& [column, value] : predicate.fixed) rows.add(column);
  for (const auto& [column, values] : predicate.one_of) rows.add(column);
  rows.add(why.column);
  for (size_t i = 0; i < rows.columns.size(); ++i) {
    const std::string& column = rows.columns[i];
    const auto values = values_of_type(table.find_column(column));
    if (!values) return none;
    const auto fixed = predicate.fixed.find(column);
    if (fixed != predicate.fixed.end()) {
      const Value value = fixed->second.kind == Literal::Kind::null ? Value() : Value(fixed->second.sql);
      rows.values[i] = {value, value};
    } else if (const auto some = predicate.one_of.find(column); some != predicate.one_of.end()) {
      // A value the index covers; for the column the rule limits, one the rule leaves out.
      const ConditionFacts rule_facts = condition_facts(closest.condition.value_or(""));
      std::vector<std::string> wanted;
      if (const auto fixed = rule_facts.fixed.find(column); fixed != rule_facts.fixed.end()) wanted.push_back(fixed->second.sql);
      if (const auto limited = rule_facts.one_of.find(column); limited != rule_facts.one_of.end())
        for (const auto& literal : limited->second) wanted.push_back(literal.sql);
      Value chosen = some->second.front().sql;
      for (const auto& literal : some->second)
        if (column == why.column && !wanted.empty() && !contains(wanted, literal.sql)) chosen = literal.sql;
      rows.values[i] = {chosen, chosen};
    } else if (column == why.column && why.kind == Strictness::Kind::null_as_value) {
      for (const auto& key : key_meanings(index, table))
        if (key.column == column && key.kind == KeyMeaning::Kind::null_as_value) rows.values[i] = {std::nullopt, key.constant};
    } else if (column == why.column) {
      const auto pair = differing_values(why, closest, *values);
      if (!pair) return none;
      rows.values[i] = *pair;
    } else {
      const Value same = value_checks_allow(table, column).value_or(values->first);
      rows.values[i] = {same, same};
    }
    if ((!rows.values[i].first || !rows.values[i].second) && !column_nullable(table, column)) return none;
  }
  // Proof by construction is not enough: the pair must really be one the
  // index rejects and no rule of the model (nor the primary key) does.
  if (!index_rejects(index, table, rows) || !rows_keep_checks(table, rows)) return none;
  for (const auto& rule : rules)
    if (rule_rejects(rule, rows) != std::optional<bool>(false)) return none;
  SampleRows samples;
  samples.title = "rows the model accepts and the database rejects";
  samples.columns = rows.columns;
  samples.rows.resize(2);
  for (const auto& pair : rows.values) {
    samples.rows[0].push_back(pair.first);
    samples.rows[1].push_back(pair.second);
  }
  return samples;
}

Finding stricter_index_finding(Severity severity, const Model& model, const Table& table, const Index& index,
                               const UniquenessRule& closest, const Strictness& why, const SampleRows& rows,
                               const Index* enforcing) {
  Finding finding;
  finding.severity = severity;
  finding.object = index_object(table, index);
  finding.key = table.qualified_name() + "." + index.name;
  finding.message = "unique index " + index_text(index) + " is stricter than every uniqueness rule of model " + model.name +
                    "; closest: " + describe(closest) + ": " + why.explanation;
  finding.why = k_too_strict_why;
  if (enforcing != nullptr)
    finding.fix = "-- index " + enforcing->name + " already enforces the model's rule, so dropping this one loses no guarantee\n" +
                  drop_index_sql(table, index);
  else
    finding.fix = "-- a migration (plumb:no-transaction) that builds the index the model states, online, then drops this one\n" +
                  create_unique_sql(table, closest) + "\n" + drop_index_sql(table, index);
  finding.samples = rows;
  return finding;
}

Finding undeclared_index_finding(Severity severity, const Model& model, const Table& table, const Index& index) {
  Finding finding;
  finding.severity = severity;
  finding.object = index_object(table, index);
  finding.key = table.qualified_name() + "." + index.name + ":undeclared";
  finding.message = "unique index " + index_text(index) + " is not declared by model " + model.name +
                    ": no uniqueness rule of the model mentions its columns";
  finding.why = "the database rejects rows that the application's model does not know to be duplicates: an insert it "
                "thought valid fails with a unique violation instead of a validation error";
  std::vector<std::string> columns, insensitive;
  bool opaque = false;
  for (const auto& key : key_meanings(index, table)) {
    if (key.kind == KeyMeaning::Kind::not_understood || key.kind == KeyMeaning::Kind::null_as_value) opaque = true;
    columns.push_back(key.column);
    if (key.kind == KeyMeaning::Kind::lowered) insensitive.push_back(key.column);
  }
  if (opaque) {
    finding.fix = "declare the rule this index stands for in model " + model.name + " (" + model.location.to_string() +
                  "), or, if the application does not need it, consider dropping the index (a decision for a person)";
    return finding;
  }
  bool nullable_key = false;
  for (const auto& column : columns) nullable_key = nullable_key || column_nullable(table, column);
  std::string yaml = "# in model " + model.name + " (" + model.location.to_string() + "), under unique:\n- columns: [" +
                     join(columns, ", ") + "]\n";
  if (!insensitive.empty()) yaml += "  case_insensitive: [" + join(insensitive, ", ") + "]\n";
  if (index.predicate) yaml += "  where: \"" + *index.predicate + "\"\n";
  if (!index.nulls_not_distinct && nullable_key) yaml += "  nulls: distinct\n";
  finding.fix = yaml + "# or, in the Rails model: validates :" + columns.front() + ", uniqueness: {" +
                (columns.size() > 1 ? " scope: [:" + join({columns.begin() + 1, columns.end()}, ", :") + "]," : "") +
                (insensitive.empty() ? "" : " case_sensitive: false,") +
                (!index.nulls_not_distinct && column_nullable(table, columns.front()) ? " allow_nil: true," : "") +
                (index.predicate ? " conditions: -> { where(\"" + *index.predicate + "\") }," : "") + " }\n" +
                "# if the application does not need this uniqueness, dropping the index is a choice for a person to make";
  return finding;
}

Finding undecided_index_finding(const Model& model, const Table& table, const Index& index, const UniquenessRule& rule,
                                const Strictness& why) {
  Finding finding;
  finding.severity = Severity::warning;
  finding.object = index_object(table, index);
  finding.key = table.qualified_name() + "." + index.name + ":undecided";
  finding.message = "plumb could not decide whether unique index " + index_text(index) + " is stricter than model " +
                    model.name + "'s " + describe(rule) + ": " + why.explanation;
  finding.why = "if it is stricter, inserts the application thinks valid fail; plumb reports what it cannot prove rather "
                "than guess";
  finding.fix = "compare the index with the rule by hand; if they mean the same, write the rule's condition the way the "
                "index states it";
  return finding;
}

Finding unenforced_rule_finding(Severity severity, const Model& model, const Table& table, const UniquenessRule& rule,
                                const std::string& closest_reason) {
  Finding finding;
  finding.severity = std::min(severity, Severity::warning);
  finding.object = "model " + model.name + " (" + table.qualified_name() + ")";
  finding.key = model.name + ":" + join(rule.columns, ",");
  finding.message = "no valid unique index or constraint enforces " + describe(rule) +
                    (closest_reason.empty() ? "" : " (closest: " + closest_reason + ")");
  finding.why = "the application's check runs before its insert, so two concurrent inserts can both pass it and create duplicates";
  finding.fix = create_unique_sql(table, rule);
  finding.location = rule.location;
  return finding;
}

Finding undecided_rule_finding(const Model& model, const Table& table, const UniquenessRule& rule, const Index& index,
                               const std::string& reason) {
  Finding finding;
  finding.severity = Severity::warning;
  finding.object = "model " + model.name + " (" + table.qualified_name() + ")";
  finding.key = model.name + ":" + join(rule.columns, ",") + ":undecided";
  finding.message = "plumb could not decide whether unique index " + index_text(index) + " enforces " + describe(rule) +
                    ": " + reason;
  finding.why = "if it does not, two concurrent inserts can both pass the application's check and create duplicates";
  finding.fix = "check by hand whether the index rejects every pair of rows the rule rejects";
  finding.location = rule.location;
  return finding;
}

Finding invalid_index_finding(Severity severity, const Table& table, const Index& index) {
  Finding finding;
  finding.severity = std::min(severity, Severity::warning);
  finding.object = index_object(table, index);
  finding.key = table.qualified_name() + "." + index.name + ":invalid";
  finding.message = "unique index " + index.name + " is INVALID: it enforces no model rule";
  finding.why = "an interrupted CREATE INDEX CONCURRENTLY leaves it behind; it still slows writes (and may reject them) "
                "but guarantees nothing";
  finding.fix = "DROP INDEX CONCURRENTLY " + qualified(table.schema, index.name) + ";\n" + create_concurrently_sql(index);
  return finding;
}

Finding missing_table_finding(Severity severity, const Model& model) {
  Finding finding;
  finding.severity = severity;
  finding.object = "table " + model.schema + "." + model.table;
  finding.key = model.name + ":table";
  finding.message = "model " + model.name + " names table " + model.schema + "." + model.table + ", which does not exist";
  finding.why = "the model's rules cannot be checked, and the application will fail on its first query";
  finding.fix = "correct 'table:' of model " + model.name + ", or create the table";
  finding.location = model.location;
  return finding;
}

Finding model_problem_finding(Severity severity, const Model& model, const UniquenessRule& rule, const std::string& problem) {
  Finding finding;
  finding.severity = severity;
  finding.object = "model " + model.name + " (" + model.schema + "." + model.table + ")";
  finding.key = model.name + ":" + join(rule.columns, ",") + ":model";
  finding.message = "model " + model.name + ": " + problem + "; its unique indexes are not judged until this is fixed";
  finding.why = "a rule that does not fit the table cannot be compared with the table's indexes";
  finding.fix = "correct the rule in the rules file (" + rule.location.to_string() + ")";
  finding.location = rule.location;
  return finding;
}

}  // namespace plumb
