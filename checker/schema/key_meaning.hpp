// KeyMeaning: what one key of a unique index compares, when plumb knows it
// for certain: a column as is (also through a cast that keeps equality for
// the column's type, or a pattern_ops operator class), lower(column), or
// coalesce(column, constant), which makes NULL a value equal to the constant.
// Anything else is `not_understood`, and plumb says so instead of guessing.
#pragma once

#include <string>

#include "schema/schema_snapshot.hpp"

namespace plumb {

struct KeyMeaning {
  enum class Kind { column, lowered, null_as_value, not_understood };
  Kind kind = Kind::not_understood;
  std::string column;    // the column compared (empty when not understood)
  std::string constant;  // null_as_value: the SQL literal NULL becomes
  std::string text;      // the key as the catalog prints it
};

// The meaning of `key` of an index on `table`; `opclass` is the key's
// operator class when it is not the type's default ("" otherwise).
KeyMeaning key_meaning(const IndexKey& key, const Table& table, const std::string& opclass = "");

}  // namespace plumb
