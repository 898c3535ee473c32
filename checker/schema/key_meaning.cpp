#include "schema/key_meaning.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

#include "schema/sql_tree.hpp"
#include "util/memo.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

using json = nlohmann::json;

std::optional<json> parse_expression(const std::string& text) {
  const auto select = parse_select("SELECT " + text);
  if (!select) return std::nullopt;
  const json& targets = member(*select, "targetList");
  if (!targets.is_array() || targets.size() != 1) return std::nullopt;
  return member(member(targets[0], "ResTarget"), "val");
}

// The family of a type for equality: casts inside one family, or to text,
// keep equal values equal and unequal ones unequal.
enum class Family { text, integer, uuid, other };

Family family_of_column_type(std::string type) {
  type = type.substr(0, type.find('('));
  if (type == "text" || type == "character varying" || type == "character") return Family::text;
  if (type == "smallint" || type == "integer" || type == "bigint") return Family::integer;
  if (type == "uuid") return Family::uuid;
  return Family::other;
}

Family family_of_cast_target(const std::string& name) {
  if (name == "text" || name == "varchar") return Family::text;
  if (name == "int2" || name == "int4" || name == "int8") return Family::integer;
  return Family::other;
}

std::string last_name(const json& names) {
  if (!names.is_array() || names.empty()) return "";
  return member(names.back(), "String").value("sval", "");
}

// What a key expression is, before looking at the table: a column under
// zero or more casts, lower() of one, coalesce() of one with a constant, or
// anything else. Parsed once per text (keys repeat across tables).
struct KeyShape {
  enum class Kind { column, lowered, coalesced, other };
  Kind kind = Kind::other;
  std::string column;
  std::vector<std::string> casts;  // cast targets, innermost first
  std::string constant;            // coalesced: the SQL literal
};

// A column reference under casts, or false.
bool read_cast_column(const json& node, KeyShape& shape) {
  if (node.contains("ColumnRef")) {
    shape.column = last_name(member(node["ColumnRef"], "fields"));
    return !shape.column.empty();
  }
  if (!node.contains("TypeCast")) return false;
  const json& cast = node["TypeCast"];
  if (!read_cast_column(member(cast, "arg"), shape)) return false;
  shape.casts.push_back(last_name(member(member(cast, "typeName"), "names")));
  return true;
}

KeyShape shape_of(const std::string& text) {
  KeyShape shape;
  const auto expression = parse_expression(text);
  if (!expression) return shape;
  if (read_cast_column(*expression, shape)) {
    shape.kind = KeyShape::Kind::column;
    return shape;
  }
  shape = KeyShape{};
  const json& call = member(*expression, "FuncCall");
  const json& args = member(call, "args");
  if (last_name(member(call, "funcname")) == "lower" && args.is_array() && args.size() == 1 && read_cast_column(args[0], shape)) {
    shape.kind = KeyShape::Kind::lowered;
    return shape;
  }
  shape = KeyShape{};
  const json& coalesce = member(member(*expression, "CoalesceExpr"), "args");
  if (coalesce.is_array() && coalesce.size() == 2 && read_cast_column(coalesce[0], shape)) {
    if (const auto constant = literal_of(coalesce[1]); constant && constant->kind != Literal::Kind::null) {
      shape.kind = KeyShape::Kind::coalesced;
      shape.constant = constant->sql;
      return shape;
    }
  }
  return KeyShape{};
}

const KeyShape& cached_shape(const std::string& text) {
  thread_local std::unordered_map<std::string, KeyShape> cache;
  return memoised(cache, text, shape_of);
}

// Whether the casts keep equality for a column of `type`: equal values stay
// equal and unequal ones unequal.
bool casts_keep_equality(const std::string& type, const std::vector<std::string>& casts) {
  Family family = family_of_column_type(type);
  for (const auto& cast : casts) {
    const Family to = family_of_cast_target(cast);
    if (family == Family::other || to == Family::other) return false;
    if (to != Family::text && to != family) return false;  // uuid::int, text::int: not a bijection
    family = to;
  }
  return true;
}

KeyMeaning meaning_of(const KeyShape& shape, const Table& table, KeyMeaning meaning) {
  using Kind = KeyMeaning::Kind;
  const Column* column = shape.column.empty() ? nullptr : table.find_column(shape.column);
  if (shape.kind == KeyShape::Kind::other || column == nullptr || !casts_keep_equality(column->type, shape.casts)) return meaning;
  if (shape.kind == KeyShape::Kind::lowered && family_of_column_type(column->type) != Family::text) return meaning;
  meaning.kind = shape.kind == KeyShape::Kind::column    ? Kind::column
                 : shape.kind == KeyShape::Kind::lowered ? Kind::lowered
                                                         : Kind::null_as_value;
  meaning.column = shape.column;
  meaning.constant = shape.constant;
  return meaning;
}

}  // namespace

KeyMeaning key_meaning(const IndexKey& key, const Table& table, const std::string& opclass) {
  KeyMeaning meaning;
  meaning.text = key.text;
  // A pattern_ops class compares bytes for equality, as the default does
  // under a deterministic collation; any other class may define equality
  // its own way.
  if (!opclass.empty() && !ends_with(opclass, "_pattern_ops")) return meaning;
  if (!key.is_expression) {
    meaning.kind = KeyMeaning::Kind::column;
    meaning.column = key.text;
    return meaning;
  }
  return meaning_of(cached_shape(key.text), table, meaning);
}

}  // namespace plumb
