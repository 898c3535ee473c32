#include "rules/model_fit.hpp"

#include "schema/condition_facts.hpp"

namespace plumb {
namespace {

bool text_type(const std::string& type) {
  const std::string base = type.substr(0, type.find('('));
  return base == "text" || base == "character varying" || base == "character" || base == "citext";
}

std::optional<std::string> missing_column(const std::vector<std::string>& columns, const Table& table, const std::string& role) {
  for (const auto& column : columns)
    if (table.find_column(column) == nullptr)
      return role + "column " + column + " does not exist in " + table.qualified_name();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> rule_misfit(const UniquenessRule& rule, const Table& table) {
  if (auto missing = missing_column(rule.columns, table, "")) return missing;
  for (const auto* list : {&rule.case_insensitive, &rule.skip_when_null, &rule.skip_when_blank})
    if (auto missing = missing_column(*list, table, "")) return missing;
  for (const auto& column : rule.case_insensitive)
    if (!text_type(table.find_column(column)->type))
      return "case_insensitive column " + column + " is " + table.find_column(column)->type + ", not text: lower() does not apply";
  if (!rule.condition) return std::nullopt;
  const ConditionFacts facts = condition_facts(*rule.condition);
  if (!facts.parsed) return "its where (" + *rule.condition + ") is not one SQL condition";
  for (const auto& column : facts.columns)
    if (table.find_column(column) == nullptr)
      return "its where (" + *rule.condition + ") names column " + column + ", which does not exist in " + table.qualified_name();
  return std::nullopt;
}

}  // namespace plumb
