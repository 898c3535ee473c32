#include "schema/schema_snapshot.hpp"

namespace plumb {

bool Index::plain_columns_only() const {
  for (const auto& key : keys)
    if (key.is_expression) return false;
  return true;
}

std::vector<std::string> Index::key_texts() const {
  std::vector<std::string> texts;
  for (const auto& key : keys) texts.push_back(key.text);
  return texts;
}

const char* to_string(ConstraintType type) {
  switch (type) {
    case ConstraintType::primary_key: return "primary_key";
    case ConstraintType::unique: return "unique";
    case ConstraintType::foreign_key: return "foreign_key";
    case ConstraintType::check: return "check";
  }
  return "unique";
}

std::string Constraint::check_condition() const {
  if (type != ConstraintType::check || definition.rfind("CHECK ", 0) != 0) return "";
  std::string condition = definition.substr(6);
  const std::string not_valid = " NOT VALID";
  if (condition.size() > not_valid.size() && condition.compare(condition.size() - not_valid.size(), not_valid.size(), not_valid) == 0)
    condition.resize(condition.size() - not_valid.size());
  return condition;
}

const Column* Table::find_column(const std::string& column) const {
  for (const auto& candidate : columns)
    if (candidate.name == column) return &candidate;
  return nullptr;
}

const Index* Table::find_index(const std::string& index) const {
  for (const auto& candidate : indexes)
    if (candidate.name == index) return &candidate;
  return nullptr;
}

std::vector<std::string> Table::primary_key_columns() const {
  for (const auto& constraint : constraints)
    if (constraint.type == ConstraintType::primary_key) return constraint.columns;
  return {};
}

const Table* SchemaSnapshot::find_table(const std::string& schema, const std::string& name) const {
  for (const auto& table : tables)
    if (table.schema == schema && table.name == name) return &table;
  return nullptr;
}

std::pair<std::string, std::string> split_qualified_name(const std::string& name,
                                                         const std::string& default_schema) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) return {default_schema, name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace plumb
