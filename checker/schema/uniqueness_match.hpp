// UniquenessMatch: what rows a unique index rejects compared with what rows a
// model's uniqueness rule rejects, decided pair by pair of rows:
//   - an index is *backed* by a rule when every pair it rejects, the rule
//     rejects too (else it is stricter than that rule);
//   - a rule is *enforced* by an index when every pair the rule rejects, the
//     index rejects too.
// Pure functions on values. Whether one condition implies another (an
// index's predicate, a rule's `where`) is asked of an Implications, which the
// check answers with PostgreSQL's own prover and lint by comparing text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/key_meaning.hpp"
#include "vocabulary/model.hpp"
#include "schema/schema_snapshot.hpp"

namespace plumb {

// Answers "on every row of `table` where `premise` is true, is `conclusion`
// true?". `premise` is empty for "every row".
class Implications {
 public:
  virtual ~Implications() = default;
  // True when known to hold; false when not proven (which is not "false").
  bool implies(const Table& table, const std::string& premise, const std::string& conclusion) const;

 protected:
  // Asked only when the two texts differ and neither settles it alone.
  virtual bool prove(const Table& table, const std::string& premise, const std::string& conclusion) const = 0;
};

// Knows only that a condition implies itself (lint: no server to ask).
class SameTextImplications : public Implications {
 protected:
  bool prove(const Table&, const std::string&, const std::string&) const override { return false; }
};

// Why an index rejects a pair of rows that a rule accepts, or why plumb
// cannot tell.
struct Strictness {
  enum class Kind {
    missing_column,    // the rule's column is not in the index: rows differing only there collide
    case_folded,       // the index compares lower(column), the rule the exact value
    null_as_value,     // the index's coalesce(column, k) makes NULL collide with k
    nulls_equal,       // the index counts NULLs in a column equal, the rule lets them repeat
    wider_predicate,   // the index covers rows the rule's condition leaves out (certain)
    unproven_predicate,  // PostgreSQL could not prove the index's rows are inside the rule's condition
    not_understood,    // a key expression plumb does not reason about holds the rule's column
  };
  Kind kind = Kind::missing_column;
  std::string column;       // the column the example rows differ in (empty when none)
  std::string explanation;  // one sentence for the finding

  // True when the index certainly rejects a pair the rule accepts; false
  // when plumb could not decide (unproven predicate, unknown expression).
  bool certain() const { return kind != Kind::unproven_predicate && kind != Kind::not_understood; }
};

// Why `index` rejects some pair of rows that `rule` accepts; nullopt when it
// is backed by the rule. An index that is not ready rejects nothing; an
// INVALID but ready one still rejects inserts, so it can be stricter.
std::optional<Strictness> stricter_than(const Index& index, const UniquenessRule& rule, const Table& table,
                                        const Implications& implications = SameTextImplications());

// Whether `index` rejects every pair of rows `rule` rejects.
struct Enforcement {
  enum class Verdict { enforced, not_enforced, undecided };
  Verdict verdict = Verdict::not_enforced;
  std::string reason;  // why not, or why plumb cannot tell (empty when enforced)
};

Enforcement enforcement(const Index& index, const UniquenessRule& rule, const Table& table,
                        const Implications& implications = SameTextImplications());

inline bool enforces(const Index& index, const UniquenessRule& rule, const Table& table,
                     const Implications& implications = SameTextImplications()) {
  return enforcement(index, rule, table, implications).verdict == Enforcement::Verdict::enforced;
}

// Whether `rule` lets two rows with NULL in `column` both in: NULLs
// distinct, or a column it skips when NULL (allow_nil) or blank
// (allow_blank, which skips NULL too).
bool rule_lets_nulls_repeat(const UniquenessRule& rule, const std::string& column);

// The meanings of an index's keys, in order.
std::vector<KeyMeaning> key_meanings(const Index& index, const Table& table);

}  // namespace plumb
