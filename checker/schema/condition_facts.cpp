#include "schema/condition_facts.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "util/memo.hpp"

namespace plumb {
namespace {

using json = nlohmann::json;

std::string operator_name(const json& expression) {
  const json& names = member(expression, "name");
  if (!names.is_array() || names.size() != 1) return "";
  return member(names[0], "String").value("sval", "");
}

using ValueSet = std::pair<std::string, std::vector<Literal>>;  // a column and the values it may hold

void add_value(std::vector<Literal>& values, const Literal& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

// The literals of a list or an ARRAY[...] (seen through casts), or nullopt
// when one is not a non-NULL constant.
std::optional<std::vector<Literal>> literal_list(const json& node) {
  if (node.contains("TypeCast")) return literal_list(member(node["TypeCast"], "arg"));
  const json& items = node.contains("List") ? member(node["List"], "items") : member(member(node, "A_ArrayExpr"), "elements");
  if (!items.is_array() || items.empty()) return std::nullopt;
  std::vector<Literal> values;
  for (const auto& item : items) {
    const auto value = literal_of(item);
    if (!value || value->kind == Literal::Kind::null) return std::nullopt;
    add_value(values, *value);
  }
  return values;
}

// What a conjunct says about the values of one column: `col = const`
// (either side), `col IN (...)`, `col = ANY (ARRAY[...])`, or an OR of such
// on one column; nullopt for anything else.
std::optional<ValueSet> value_set(const json& node) {
  const json& boolean = member(node, "BoolExpr");
  if (boolean.value("boolop", "") == "OR_EXPR") {
    std::optional<ValueSet> all;
    for (const auto& argument : member(boolean, "args")) {
      const auto part = value_set(argument);
      if (!part || (all && all->first != part->first)) return std::nullopt;
      if (!all) all = ValueSet{part->first, {}};
      for (const auto& value : part->second) add_value(all->second, value);
    }
    return all;
  }
  const json& expression = member(node, "A_Expr");
  if (expression.empty() || operator_name(expression) != "=") return std::nullopt;
  const std::string kind = expression.value("kind", "");
  const json& left = member(expression, "lexpr");
  const json& right = member(expression, "rexpr");
  if (kind == "AEXPR_IN" || kind == "AEXPR_OP_ANY") {
    const std::string column = column_of(left);
    const auto values = literal_list(right);
    if (column.empty() || !values) return std::nullopt;
    return ValueSet{column, *values};
  }
  if (kind != "AEXPR_OP") return std::nullopt;
  for (const auto& [column_side, constant_side] : {std::pair<const json*, const json*>{&left, &right}, {&right, &left}}) {
    const std::string column = column_of(*column_side);
    const auto value = literal_of(*constant_side);
    if (!column.empty() && value && value->kind != Literal::Kind::null) return ValueSet{column, {*value}};
  }
  return std::nullopt;
}

// Records what one conjunct says; false when it is not one of the known forms.
bool record_fact(const json& conjunct, ConditionFacts& facts) {
  if (conjunct.contains("NullTest")) {
    const json& test = conjunct["NullTest"];
    const std::string column = column_of(member(test, "arg"));
    if (column.empty()) return false;
    if (test.value("nulltesttype", "") == "IS_NULL")
      facts.fixed[column] = Literal{Literal::Kind::null, "NULL"};
    else
      facts.not_null.insert(column);
    return true;
  }
  const auto values = value_set(conjunct);
  if (!values) return false;
  const auto& [column, list] = *values;
  if (list.size() == 1)
    facts.fixed[column] = list.front();
  else
    facts.one_of[column] = list;
  facts.not_null.insert(column);
  return true;
}

void collect_columns(const json& node, std::vector<std::string>& columns) {
  if (node.is_object()) {
    if (node.contains("ColumnRef")) {
      const std::string column = column_of(node);
      if (!column.empty() && std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
      return;
    }
    for (const auto& item : node.items()) collect_columns(item.value(), columns);
  } else if (node.is_array()) {
    for (const auto& item : node) collect_columns(item, columns);
  }
}

// The conjuncts of a condition: the arguments of a top-level AND, or itself.
std::vector<json> conjuncts_of(const json& condition) {
  const json& boolean = member(condition, "BoolExpr");
  if (boolean.value("boolop", "") != "AND_EXPR") return {condition};
  std::vector<json> parts;
  for (const auto& argument : member(boolean, "args")) {
    for (auto& part : conjuncts_of(argument)) parts.push_back(std::move(part));
  }
  return parts;
}

// SQL words and the spans they cover, skipping strings, quoted
// identifiers and comments, where a rewrite must never look.
struct Word {
  std::string upper;
  size_t begin = 0;
  size_t end = 0;
};

size_t skip_quoted(const std::string& text, size_t at, char quote) {
  for (size_t i = at + 1; i < text.size(); ++i)
    if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) { ++i; continue; }
      return i + 1;
    }
  return text.size();
}

std::vector<Word> words_of(const std::string& text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') { i = skip_quoted(text, i, c); continue; }
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') { i = std::min(text.find('\n', i), text.size()); continue; }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const size_t close = text.find("*/", i + 2);
      i = close == std::string::npos ? text.size() : close + 2;
      continue;
    }
    if (c == '$') return {};  // dollar quoting: no rewrite at all rather than a wrong one
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i;
      std::string upper;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(text[end++])));
      // Part of a longer name (`a.is`) or an E'' string prefix: still a word, never rewritten alone.
      words.push_back({upper, i, end});
      i = end;
      continue;
    }
    ++i;
  }
  return words;
}

ConditionFacts parse_facts(const std::string& condition) {
  ConditionFacts facts;
  const auto select = parse_select("SELECT 1 WHERE (" + condition + "\n)");
  if (!select || !select->contains("whereClause") || select->size() > 4) return facts;
  facts.parsed = true;
  const json& where = (*select)["whereClause"];
  facts.only_facts = true;
  for (const auto& conjunct : conjuncts_of(where))
    if (!record_fact(conjunct, facts)) facts.only_facts = false;
  collect_columns(where, facts.columns);
  return facts;
}

std::vector<std::string> parse_expression_columns(const std::string& expression) {
  std::vector<std::string> columns;
  if (const auto select = parse_select("SELECT " + expression)) collect_columns(member(*select, "targetList"), columns);
  return columns;
}

}  // namespace

// Verdicts ask for the same few texts again and again (every index of a
// table against every rule, twice): parsed once per thread.
ConditionFacts condition_facts(const std::string& condition) {
  thread_local std::unordered_map<std::string, ConditionFacts> cache;
  return memoised(cache, condition, parse_facts);
}

std::vector<std::string> expression_columns(const std::string& expression) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
  return memoised(cache, expression, parse_expression_columns);
}

std::string with_prover_rewrites(const std::string& condition) {
  const auto words = words_of(condition);
  std::string rewritten;
  size_t copied = 0;
  for (size_t i = 0; i + 3 < words.size(); ++i) {
    const bool negated = words[i + 1].upper == "NOT";
    const size_t distinct = i + (negated ? 2 : 1);
    if (words[i].upper != "IS" || distinct + 2 >= words.size() || words[distinct].upper != "DISTINCT" ||
        words[distinct + 1].upper != "FROM")
      continue;
    const Word& value = words[distinct + 2];
    if (value.upper != "TRUE" && value.upper != "FALSE") continue;
    // Only when nothing but blanks separate the words: `IS DISTINCT FROM true::boolean` stays as it is.
    bool tight = true;
    for (size_t w = i; w < distinct + 2; ++w)
      tight = tight && condition.find_first_not_of(" \t\r\n", words[w].end) == words[w + 1].begin;
    const size_t after = condition.find_first_not_of(" \t\r\n", value.end);
    if (!tight || (after != std::string::npos && condition.compare(after, 2, "::") == 0)) continue;
    rewritten += condition.substr(copied, words[i].begin - copied);
    rewritten += std::string(negated ? "IS " : "IS NOT ") + (value.upper == "TRUE" ? "TRUE" : "FALSE");
    copied = value.end;
    i = distinct + 2;
  }
  return rewritten + condition.substr(copied);
}

}  // namespace plumb
