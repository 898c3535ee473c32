// ImplicationProver: asks PostgreSQL's own planner whether one condition
// implies another on a table's rows, for many pairs at once. Under
// `constraint_exclusion = on` the planner drops a branch
// `SELECT n FROM t WHERE (A) AND ((B) IS NOT TRUE)` it can refute, which it
// can exactly when it proves A implies B; EXPLAIN of a UNION ALL of such
// branches prints `Output: n` for every branch left, so the missing numbers
// are the proofs. Nothing runs: only EXPLAIN, in the check's READ ONLY
// transaction. Each branch takes its table's AccessShareLock, so tables go
// in chunks: the number of statements grows with chunks, not with models.
#pragma once

#include <pqxx/pqxx>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "schema/uniqueness_match.hpp"

namespace plumb {

// "Does `premise` imply `conclusion` on every row of `table`?"; an empty
// premise means every row.
struct ImplicationQuestion {
  const Table* table = nullptr;
  std::string premise;
  std::string conclusion;
};

// Records every question asked and answers "not proven": a first pass of
// the verdicts through it lists what the prover must be asked.
class RecordingImplications : public Implications {
 public:
  const std::vector<ImplicationQuestion>& questions() const { return m_questions; }

 protected:
  bool prove(const Table& table, const std::string& premise, const std::string& conclusion) const override;

 private:
  mutable std::vector<ImplicationQuestion> m_questions;
};

// What the server proved, and the conditions it refused.
class ProvenImplications : public Implications {
 public:
  void add_proof(const Table& table, const std::string& premise, const std::string& conclusion);
  // A condition that the server could not plan on `table` (say a type
  // error: `status = 1` on a text column), with its message.
  void add_refused(const Table& table, const std::string& condition, const std::string& message);
  // The server's message for `condition` on `table`, or "" when it took it.
  std::string refusal(const Table& table, const std::string& condition) const;
  int statements = 0;  // EXPLAINs sent (for benchmarks and tests)

 protected:
  bool prove(const Table& table, const std::string& premise, const std::string& conclusion) const override;

 private:
  std::set<std::string> m_proofs;
  std::map<std::string, std::string> m_refused;
};

// A condition the prover should also try on its own, so that one the server
// refuses is known (and named) before any verdict leans on it.
struct ConditionToPlan {
  const Table* table = nullptr;
  std::string condition;
};

// Proves what it can of `questions`, in statements of at most
// `tables_per_statement` tables. A statement the server refuses is split
// (through savepoints) until the refused condition is found; its questions
// stay unproven. A statement that runs out of lock memory leaves its
// questions unproven. Throws any other database error (a lock or statement
// timeout, a lost connection): that is the rule's error.
ProvenImplications prove_implications(pqxx::transaction_base& transaction, const std::vector<ImplicationQuestion>& questions,
                                      const std::vector<ConditionToPlan>& conditions, size_t tables_per_statement = 200);

}  // namespace plumb
