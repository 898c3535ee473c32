#include "schema/uniqueness_match.hpp"

#include <algorithm>

#include "schema/condition_facts.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using Kind = Strictness::Kind;

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Whether `column` can hold NULL in rows that `facts` (of the condition
// those rows meet) describe.
bool nullable(const Table& table, const std::string& column, const ConditionFacts& facts) {
  const Column* found = table.find_column(column);
  return (found == nullptr || !found->not_null) && facts.not_null.count(column) == 0;
}

ConditionFacts facts_of(const std::optional<std::string>& condition) {
  if (!condition) {
    ConditionFacts none;
    none.parsed = none.only_facts = true;
    return none;
  }
  return condition_facts(*condition);
}

// The index's key for `column`, preferring one that compares it exactly.
const KeyMeaning* key_for(const std::vector<KeyMeaning>& keys, const std::string& column) {
  const KeyMeaning* found = nullptr;
  for (const auto& key : keys)
    if (key.column == column && (found == nullptr || key.kind == KeyMeaning::Kind::column)) found = &key;
  return found;
}

// A key expression plumb does not understand that names `column`.
const KeyMeaning* opaque_key_naming(const std::vector<KeyMeaning>& keys, const std::string& column) {
  for (const auto& key : keys)
    if (key.kind == KeyMeaning::Kind::not_understood && contains(expression_columns(key.text), column)) return &key;
  return nullptr;
}

// Can two literals be told equal or unequal by their text alone? Only when
// they are of one kind on a column of the matching type ('1' and 1 on an
// integer column are one value).
bool comparable_literals(const Table& table, const std::string& column, const Literal& a, const Literal& b) {
  if (a.kind != b.kind) return false;
  const Column* found = table.find_column(column);
  if (found == nullptr) return false;
  const std::string type = found->type.substr(0, found->type.find('('));
  switch (a.kind) {
    case Literal::Kind::string: return type == "text" || type == "character varying";
    case Literal::Kind::integer: return type == "integer" || type == "bigint" || type == "smallint";
    case Literal::Kind::boolean: return type == "boolean";
    case Literal::Kind::null: return true;
    case Literal::Kind::decimal: return false;
  }
  return false;
}

// The values `facts` allow in `column`; nullopt when it does not limit them.
std::optional<std::vector<Literal>> allowed_values(const ConditionFacts& facts, const std::string& column) {
  if (const auto fixed = facts.fixed.find(column); fixed != facts.fixed.end()) return std::vector<Literal>{fixed->second};
  if (const auto some = facts.one_of.find(column); some != facts.one_of.end()) return some->second;
  return std::nullopt;
}

// When both conditions are plain facts: whether every row meeting `inner`
// meets `outer` (decided with certainty), or nullopt when facts cannot tell.
// Sets `breaking` to the column of `outer`'s fact that some row of `inner` breaks.
std::optional<bool> facts_imply(const Table& table, const ConditionFacts& inner, const ConditionFacts& outer,
                                std::string& breaking) {
  if (!inner.only_facts || !outer.only_facts) return std::nullopt;
  std::vector<std::string> limited;
  for (const auto& entry : outer.fixed) limited.push_back(entry.first);
  for (const auto& entry : outer.one_of) limited.push_back(entry.first);
  for (const auto& column : limited) {
    const auto wanted = *allowed_values(outer, column);
    const auto held = allowed_values(inner, column);
    if (!held) {
      breaking = column;
      return false;
    }
    for (const auto& value : *held) {
      for (const auto& other : wanted)
        if (!comparable_literals(table, column, value, other)) return std::nullopt;
      if (std::find(wanted.begin(), wanted.end(), value) == wanted.end()) {
        breaking = column;
        return false;
      }
    }
  }
  for (const auto& column : outer.not_null)
    if (nullable(table, column, inner)) {
      breaking = column;
      return false;
    }
  return true;
}

std::optional<Strictness> key_gap(const Index& index, const UniquenessRule& rule, const Table& table,
                                  const std::vector<KeyMeaning>& keys, const ConditionFacts& predicate) {
  for (const auto& column : rule.columns) {
    const KeyMeaning* key = key_for(keys, column);
    const bool null_pairs = nullable(table, column, predicate) && rule_lets_nulls_repeat(rule, column);
    if (key == nullptr) {
      const auto fixed = predicate.fixed.find(column);
      if (fixed != predicate.fixed.end()) {
        if (fixed->second.kind == Literal::Kind::null && rule_lets_nulls_repeat(rule, column))
          return Strictness{Kind::nulls_equal, column,
                            "the index covers only rows where " + column + " IS NULL and rejects two of them, the rule lets NULLs in " +
                                column + " repeat"};
        continue;  // both rows hold the one value the predicate allows
      }
      if (const KeyMeaning* opaque = opaque_key_naming(keys, column))
        return Strictness{Kind::not_understood, column,
                          "plumb does not understand the index key " + opaque->text + ", which holds the rule's column " + column};
      return Strictness{Kind::missing_column, column,
                        "the rule allows two rows that differ only in " + column + ", which the index does not contain"};
    }
    if (key->kind == KeyMeaning::Kind::lowered && !contains(rule.case_insensitive, column))
      return Strictness{Kind::case_folded, column, "the index compares lower(" + column + "), the rule compares " + column + " exactly"};
    if (key->kind == KeyMeaning::Kind::null_as_value && nullable(table, column, predicate))
      return Strictness{Kind::null_as_value, column,
                        "the index compares " + key->text + ", so a row with NULL in " + column + " collides with one holding " +
                            key->constant + ", which the rule tells apart"};
    if (index.nulls_not_distinct && null_pairs && key->kind != KeyMeaning::Kind::null_as_value)
      return Strictness{Kind::nulls_equal, column,
                        "the index treats NULLs in " + column + " as equal (NULLS NOT DISTINCT), the rule lets them repeat"};
  }
  return std::nullopt;
}

std::optional<Strictness> predicate_gap(const Index& index, const UniquenessRule& rule, const Table& table,
                                        const ConditionFacts& predicate, const Implications& implications) {
  if (!rule.condition) return std::nullopt;
  // Plain facts decide with certainty and without a server; the prover is
  // asked only what they cannot tell.
  std::string breaking;
  const auto decided = facts_imply(table, predicate, condition_facts(*rule.condition), breaking);
  if (decided && !*decided)
    return Strictness{Kind::wider_predicate, breaking,
                      "the index covers rows outside the rule's condition (" + *rule.condition + ")"};
  if (decided || implications.implies(table, index.predicate.value_or(""), *rule.condition)) return std::nullopt;
  return Strictness{Kind::unproven_predicate, "",
                    "PostgreSQL could not prove that every row the index covers" +
                        (index.predicate ? " (" + *index.predicate + ")" : std::string()) + " meets the rule's condition (" +
                        *rule.condition + ")"};
}

}  // namespace

bool rule_lets_nulls_repeat(const UniquenessRule& rule, const std::string& column) {
  return rule.nulls == NullSemantics::distinct || contains(rule.skip_when_null, column) ||
         contains(rule.skip_when_blank, column);
}

bool Implications::implies(const Table& table, const std::string& premise, const std::string& conclusion) const {
  if (trim(conclusion).empty() || trim(premise) == trim(conclusion)) return true;
  return prove(table, premise, conclusion);
}

std::vector<KeyMeaning> key_meanings(const Index& index, const Table& table) {
  std::vector<KeyMeaning> keys;
  for (size_t i = 0; i < index.keys.size(); ++i)
    keys.push_back(key_meaning(index.keys[i], table, i < index.opclasses.size() ? index.opclasses[i] : ""));
  return keys;
}

std::optional<Strictness> stricter_than(const Index& index, const UniquenessRule& rule, const Table& table,
                                        const Implications& implications) {
  if (!index.unique || !index.ready) return std::nullopt;
  const auto keys = key_meanings(index, table);
  const ConditionFacts predicate = facts_of(index.predicate);
  if (auto gap = key_gap(index, rule, table, keys, predicate)) return gap;
  // Keys plumb does not understand only make the index reject fewer pairs:
  // the rule's columns are all covered, so they cannot make it stricter.
  return predicate_gap(index, rule, table, predicate, implications);
}

namespace {

// Why a key of `index` may differ between two rows that `rule` rejects.
std::optional<Enforcement> key_escape(const Index& index, const KeyMeaning& key, const UniquenessRule& rule,
                                      const Table& table, const ConditionFacts& condition) {
  using Verdict = Enforcement::Verdict;
  if (key.kind == KeyMeaning::Kind::not_understood)
    return Enforcement{Verdict::undecided, "plumb does not understand its key " + key.text};
  const std::string& column = key.column;
  const bool in_rule = contains(rule.columns, column);
  const auto fixed = condition.fixed.find(column);
  if (!in_rule && fixed == condition.fixed.end())
    return Enforcement{Verdict::not_enforced, "its key " + key.text + " is not one of the rule's columns"};
  if (in_rule && key.kind == KeyMeaning::Kind::column && contains(rule.case_insensitive, column))
    return Enforcement{Verdict::not_enforced, "it compares " + column + " exactly, the rule case-insensitively"};
  if (key.kind == KeyMeaning::Kind::null_as_value || index.nulls_not_distinct) return std::nullopt;
  const bool rule_rejects_nulls =
      fixed != condition.fixed.end() ? fixed->second.kind == Literal::Kind::null : !rule_lets_nulls_repeat(rule, column);
  if (rule_rejects_nulls && nullable(table, column, condition))
    return Enforcement{Verdict::not_enforced, "it lets two rows with NULL in " + column + " in, which the rule rejects"};
  return std::nullopt;
}

}  // namespace

Enforcement enforcement(const Index& index, const UniquenessRule& rule, const Table& table, const Implications& implications) {
  using Verdict = Enforcement::Verdict;
  if (!index.unique || !index.valid || !index.ready || index.keys.empty())
    return {Verdict::not_enforced, index.valid ? "it is not ready" : "it is INVALID"};
  // The rows the rule compares: its condition holds, and no column it
  // skips when NULL (or blank) is NULL.
  ConditionFacts condition = facts_of(rule.condition);
  for (const auto* skipped : {&rule.skip_when_null, &rule.skip_when_blank})
    condition.not_null.insert(skipped->begin(), skipped->end());
  std::optional<Enforcement> undecided;
  for (const auto& key : key_meanings(index, table)) {
    auto escape = key_escape(index, key, rule, table, condition);
    if (!escape) continue;
    if (escape->verdict == Verdict::not_enforced) return *escape;
    undecided = escape;
  }
  std::string breaking;
  if (index.predicate && facts_imply(table, condition, condition_facts(*index.predicate), breaking) != std::optional<bool>(true) &&
      !implications.implies(table, rule.condition.value_or(""), *index.predicate))
    return {Verdict::not_enforced, "PostgreSQL could not prove that the rule's rows" +
                                       (rule.condition ? " (" + *rule.condition + ")" : std::string()) +
                                       " all fall under its predicate (" + *index.predicate + ")"};
  if (undecided) return *undecided;
  return {Verdict::enforced, ""};
}

}  // namespace plumb
