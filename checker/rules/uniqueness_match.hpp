// UniquenessMatch: does a unique index enforce a model's uniqueness rule, and
// is it stricter than the rule (does it reject two rows the model accepts)?
// Pure functions on values: predicates and conditions must already be in the
// same normalised form (the check normalises both through PostgreSQL).
#pragma once

#include <optional>
#include <string>

#include "vocabulary/model.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

// What an index key compares: a column as is, or lower(column).
struct KeyTerm {
  std::string column;
  bool lowered = false;
};

// The term an index key stands for: a plain column, or lower(column) however
// PostgreSQL printed it ("lower((email)::text)"); nullopt for any other
// expression, which plumb does not reason about.
std::optional<KeyTerm> key_term(const IndexKey& key);

// True when `index` guarantees `rule`: it is unique, VALID and ready, every
// key is one of the rule's columns (a subset is enough: stricter still
// enforces), a case-insensitive column is indexed as lower(column), its
// predicate (if any) equals the rule's condition, and NULLs the rule counts
// as equal cannot slip through as distinct.
bool enforces(const Index& index, const UniquenessRule& rule, const Table& table);

// A reason why an index rejects a pair of rows that a rule accepts.
struct Strictness {
  enum class Kind {
    missing_column,   // the rule's column is not in the index: rows differing only there collide
    case_folded,      // the index compares lower(column), the rule the exact value
    wider_predicate,  // the index covers rows outside the rule's condition
    nulls_equal,      // NULLS NOT DISTINCT on a nullable column the rule lets be NULL twice
  };
  Kind kind = Kind::missing_column;
  std::string column;  // the column the example rows differ in (empty for wider_predicate)
  std::string explanation;  // one sentence for the finding
};

// Why `index` is stricter than `rule`, or nullopt when every pair of rows
// the rule accepts is accepted by the index too. An index that is not ready
// rejects nothing; an INVALID but ready one still rejects inserts (PostgreSQL
// keeps checking a half-built unique index), so it can be stricter.
std::optional<Strictness> stricter_than(const Index& index, const UniquenessRule& rule, const Table& table);

}  // namespace plumb
