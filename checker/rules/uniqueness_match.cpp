#include "rules/uniqueness_match.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace plumb {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string strip_outer_parentheses(std::string text) {
  while (text.size() >= 2 && text.front() == '(' && text.back() == ')') text = text.substr(1, text.size() - 2);
  return text;
}

// "(email)::text" -> "email"; "\"Email\"" -> "Email"; an expression -> "".
std::string bare_column(std::string text) {
  for (const std::string cast : {"::text", "::character varying", "::citext"})
    if (ends_with(text, cast)) text = text.substr(0, text.size() - cast.size());
  text = strip_outer_parentheses(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return text.substr(1, text.size() - 2);
  const bool identifier = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  return identifier ? text : "";
}

bool same_condition(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return a && b && trim(*a) == trim(*b);
}

bool nullable(const Table& table, const std::string& column) {
  const Column* found = table.find_column(column);
  return found == nullptr || !found->not_null;
}

// Whether the rule lets two rows with NULL in `column` both in: NULLs
// distinct, or a column the rule skips when NULL (allow_nil) or blank
// (allow_blank, which skips NULL too).
bool rule_lets_nulls_repeat(const UniquenessRule& rule, const std::string& column) {
  return rule.nulls == NullSemantics::distinct || contains(rule.skip_when_null, column) ||
         contains(rule.skip_when_blank, column);
}

std::vector<KeyTerm> terms_of(const Index& index) {
  std::vector<KeyTerm> terms;
  for (const auto& key : index.keys)
    if (auto term = key_term(key)) terms.push_back(*term);
  return terms;
}

// The index's term for `column`, preferring the exact one when both exist.
std::optional<KeyTerm> term_for(const std::vector<KeyTerm>& terms, const std::string& column) {
  std::optional<KeyTerm> found;
  for (const auto& term : terms)
    if (term.column == column && (!found || !term.lowered)) found = term;
  return found;
}

}  // namespace

std::optional<KeyTerm> key_term(const IndexKey& key) {
  if (!key.is_expression) return KeyTerm{key.text, false};
  const std::string text = strip_outer_parentheses(trim(key.text));
  if (!starts_with(text, "lower(") || !ends_with(text, ")")) return std::nullopt;
  const std::string column = bare_column(text.substr(6, text.size() - 7));
  if (column.empty()) return std::nullopt;
  return KeyTerm{column, true};
}

bool enforces(const Index& index, const UniquenessRule& rule, const Table& table) {
  if (!index.unique || !index.valid || !index.ready || index.keys.empty()) return false;
  for (const auto& key : index.keys) {
    const auto term = key_term(key);
    if (!term || !contains(rule.columns, term->column)) return false;
    // An index on the exact value lets 'A' and 'a' both in: it does not
    // enforce a case-insensitive rule.
    if (contains(rule.case_insensitive, term->column) && !term->lowered) return false;
  }
  // A partial index constrains only the rows its predicate selects.
  if (index.predicate && !same_condition(index.predicate, rule.condition)) return false;
  // NULLs are distinct in a unique index by default: two rows with NULL slip
  // through, which a NULLS NOT DISTINCT rule forbids, unless the column
  // cannot be NULL at all.
  if (!index.nulls_not_distinct)
    for (const auto& key : index.keys) {
      const std::string& column = key_term(key)->column;
      if (!rule_lets_nulls_repeat(rule, column) && nullable(table, column)) return false;
    }
  return true;
}

std::optional<Strictness> stricter_than(const Index& index, const UniquenessRule& rule, const Table& table) {
  using Kind = Strictness::Kind;
  if (!index.unique || !index.ready) return std::nullopt;
  const auto terms = terms_of(index);
  for (const auto& column : rule.columns) {
    const auto term = term_for(terms, column);
    if (!term)
      return Strictness{Kind::missing_column, column,
                        "the rule allows two rows that differ only in " + column + ", which the index does not contain"};
    if (term->lowered && !contains(rule.case_insensitive, column))
      return Strictness{Kind::case_folded, column,
                        "the index compares lower(" + column + "), the rule compares " + column + " exactly"};
  }
  // Outside its condition the rule allows anything; an index that is not
  // limited to exactly those rows (no predicate, or one plumb cannot prove
  // equal) rejects some pairs there.
  if (rule.condition && !same_condition(index.predicate, rule.condition))
    return Strictness{Kind::wider_predicate, "",
                      "the index covers rows outside the rule's condition (" + rule.condition.value_or("") + ")"};
  // Blank values are not compared: whether a column can hold '' twice
  // depends on validations plumb does not read (presence:), so a
  // skip_when_blank column is only taken as skipping NULL here.
  if (index.nulls_not_distinct)
    for (const auto& term : terms)
      if (rule_lets_nulls_repeat(rule, term.column) && nullable(table, term.column))
        return Strictness{Kind::nulls_equal, term.column,
                          "the index treats NULLs in " + term.column + " as equal (NULLS NOT DISTINCT), the rule lets them repeat"};
  return std::nullopt;
}

}  // namespace plumb
