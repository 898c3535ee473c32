// SqlTree: small readers of libpg_query's JSON parse trees that the
// uniqueness semantics share: one SELECT parsed, a member that may be
// absent, a column seen through casts, a constant as its SQL literal.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace plumb {

// A constant as the condition writes it, casts aside: its SQL literal
// ("'running'", "42", "true") and what kind of literal it is.
struct Literal {
  enum class Kind { string, integer, decimal, boolean, null };
  Kind kind = Kind::null;
  std::string sql;  // "'running'", "42", "true", "NULL"

  bool operator==(const Literal& other) const { return kind == other.kind && sql == other.sql; }
  bool operator!=(const Literal& other) const { return !(*this == other); }
};

// The member `key` of a parse-tree node, or an empty object when it has
// none (a reference: copying subtrees is what costs).
const nlohmann::json& member(const nlohmann::json& node, const char* key);

// The SelectStmt node of `sql` when it is exactly one SELECT; else nullopt.
std::optional<nlohmann::json> parse_select(const std::string& sql);

// A column reference, seen through casts ("(status)::text" is status): its
// last name, or "" when `node` is something else.
std::string column_of(const nlohmann::json& node);

// A constant, seen through casts ("'running'::text" is 'running').
std::optional<Literal> literal_of(const nlohmann::json& node);

}  // namespace plumb
