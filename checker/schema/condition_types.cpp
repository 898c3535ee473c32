#include "schema/condition_types.hpp"

#include "schema/condition_facts.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

bool is_one_of(const std::string& type, std::initializer_list<const char*> types) {
  for (const char* each : types)
    if (type == each) return true;
  return false;
}

// Whether a literal of `kind` compares with a column of `type` (format_type,
// length modifiers dropped) without a conversion that can fail. Strings on
// anything but text would be parsed as that type: '2026-13-01' on a date,
// 'x' on an enum fail, so they go to the server.
bool takes_literal(const std::string& type, Literal::Kind kind) {
  switch (kind) {
    case Literal::Kind::null: return true;
    case Literal::Kind::string: return is_one_of(type, {"text", "character varying", "character", "citext"});
    case Literal::Kind::integer:
    case Literal::Kind::decimal:
      return is_one_of(type, {"smallint", "integer", "bigint", "numeric", "real", "double precision"});
    case Literal::Kind::boolean: return type == "boolean";
  }
  return false;
}

bool column_takes(const Table& table, const std::string& name, Literal::Kind kind) {
  const Column* column = table.find_column(name);
  return column != nullptr && takes_literal(column->type.substr(0, column->type.find('(')), kind);
}

}  // namespace

bool certainly_type_checks(const Table& table, const std::string& condition) {
  // A cast can name a type that does not exist; plumb does not look (a
  // column such as `forecast` only sends the condition to the server).
  if (condition.find("::") != std::string::npos || ascii_lower(condition).find("cast") != std::string::npos) return false;
  const ConditionFacts facts = condition_facts(condition);
  if (!facts.parsed || !facts.only_facts) return false;
  for (const auto& column : facts.columns)
    if (table.find_column(column) == nullptr) return false;
  for (const auto& [column, literal] : facts.fixed)
    if (!column_takes(table, column, literal.kind)) return false;
  for (const auto& [column, literals] : facts.one_of)
    for (const auto& literal : literals)
      if (!column_takes(table, column, literal.kind)) return false;
  return true;
}

}  // namespace plumb
