#include "rules/condition_normaliser.hpp"

#include <nlohmann/json.hpp>

#include "rules/sql_fragment.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// The first "Filter" (or "One-Time Filter") anywhere in an EXPLAIN plan.
std::string find_filter(const nlohmann::json& node) {
  if (node.is_object()) {
    for (const char* key : {"Filter", "One-Time Filter"})
      if (node.contains(key)) return node[key].get<std::string>();
    for (const auto& item : node.items()) {
      auto found = find_filter(item.value());
      if (!found.empty()) return found;
    }
  } else if (node.is_array()) {
    for (const auto& item : node) {
      auto found = find_filter(item);
      if (!found.empty()) return found;
    }
  }
  return "";
}

std::string without_outer_parentheses(std::string text) {
  text = trim(text);
  // Only strip a pair that encloses the whole text: "(a) AND (b)" keeps its own.
  while (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    int depth = 0;
    bool encloses = true;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
      if (depth == 0) { encloses = false; break; }
    }
    if (!encloses) break;
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

}  // namespace

std::string ConditionNormaliser::normalise(const std::string& condition) {
  const auto cached = m_cache.find(condition);
  if (cached != m_cache.end()) return cached->second;
  // PostgreSQL has no function that deparses a free expression, but EXPLAIN
  // prints a scan's filter with the same deparser as pg_get_expr (no table
  // prefix without VERBOSE). Index scans are switched off so that a partial
  // index matching the condition cannot absorb it. `condition` is SQL by
  // design (the rules file's `where:`); it runs in a READ ONLY transaction
  // and only EXPLAIN sees it.
  m_transaction.exec("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; "
                     "SET LOCAL enable_indexonlyscan = off");
  // exec_params: the extended protocol refuses a second statement smuggled into `condition`.
  const auto plan = m_transaction.exec_params1("EXPLAIN (FORMAT JSON) SELECT FROM " + m_transaction.quote_name(m_table.schema) +
                                        "." + m_transaction.quote_name(m_table.name) + " WHERE " + parenthesised_condition(condition));
  std::string filter = find_filter(nlohmann::json::parse(plan[0].c_str()));
  if (filter.empty()) filter = condition;
  return m_cache[condition] = without_outer_parentheses(filter);
}

}  // namespace plumb
