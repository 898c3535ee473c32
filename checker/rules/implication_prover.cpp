#include "rules/implication_prover.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "rules/condition_facts.hpp"
#include "rules/schema_scope.hpp"
#include "rules/sql_fragment.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

std::string key_of(const Table& table, const std::string& premise, const std::string& conclusion) {
  return table.qualified_name() + '\x1f' + trim(premise) + '\x1f' + trim(conclusion);
}

// One branch of the UNION ALL: a question (conclusion set) or a condition
// planned alone (conclusion empty).
struct Branch {
  const Table* table = nullptr;
  std::string premise;
  std::string conclusion;
};

std::string branch_sql(const Branch& branch, size_t number) {
  std::string sql = "SELECT " + std::to_string(number) + " FROM " + qualified(branch.table->schema, branch.table->name);
  std::vector<std::string> terms;
  if (!trim(branch.premise).empty()) terms.push_back(parenthesised_condition(with_prover_rewrites(branch.premise)));
  if (!branch.conclusion.empty())
    terms.push_back("(" + parenthesised_condition(with_prover_rewrites(branch.conclusion)) + " IS NOT TRUE)");
  if (!terms.empty()) sql += " WHERE " + join(terms, " AND ");
  return sql;
}

// The branch numbers EXPLAIN still shows: the ones not refuted. Branch 0 is
// a sentinel that is never refuted, so the plan is always an Append (or its
// lone survivor) and a refuted branch never prints its number.
std::set<size_t> surviving(pqxx::transaction_base& transaction, const std::vector<Branch>& branches) {
  std::string sql = "EXPLAIN (VERBOSE, COSTS OFF) SELECT 0";
  for (size_t i = 0; i < branches.size(); ++i) sql += "\nUNION ALL " + branch_sql(branches[i], i + 1);
  static const std::regex output(R"(^\s*Output: (\d+)\s*$)");
  std::set<size_t> numbers;
  for (const auto& row : transaction.exec(sql)) {
    std::smatch match;
    const std::string line = row[0].c_str();
    if (std::regex_match(line, match, output)) numbers.insert(std::stoul(match[1]));
  }
  return numbers;
}

class Prover {
 public:
  Prover(pqxx::dbtransaction& transaction, ProvenImplications& result) : m_transaction(transaction), m_result(result) {}

  // Plans `branches` in one statement; on refusal, halves them (each half
  // in a savepoint) until the refused branch is alone.
  void plan(const std::vector<Branch>& branches) {
    if (branches.empty()) return;
    try {
      ++m_result.statements;
      // In a savepoint, so that a refused statement leaves the rule's
      // transaction usable.
      pqxx::subtransaction attempt(m_transaction, "plumb_proof");
      const auto left = surviving(attempt, branches);
      attempt.commit();
      record(branches, left);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& error) {
      const std::string sqlstate = error.sqlstate();
      // Out of lock memory (too many tables at once): left unproven.
      if (starts_with(sqlstate, "53")) return;
      // Only what the conditions themselves cause (class 42: an unknown
      // operator or column; class 22: a constant of the wrong type) is
      // split; a timeout or a lost lock is the rule's error.
      if (!starts_with(sqlstate, "42") && !starts_with(sqlstate, "22")) throw;
      if (branches.size() == 1) return refuse(branches[0], error.what());
      const auto middle = branches.begin() + static_cast<std::ptrdiff_t>(branches.size() / 2);
      plan({branches.begin(), middle});
      plan({middle, branches.end()});
    }
  }

 private:
  void record(const std::vector<Branch>& branches, const std::set<size_t>& left) {
    for (size_t i = 0; i < branches.size(); ++i)
      if (!branches[i].conclusion.empty() && left.count(i + 1) == 0)
        m_result.add_proof(*branches[i].table, branches[i].premise, branches[i].conclusion);
  }

  // Only a condition planned alone is named as refused; a question whose
  // two conditions each plan fine but not together stays unproven.
  void refuse(const Branch& branch, const std::string& message) {
    if (branch.conclusion.empty()) m_result.add_refused(*branch.table, branch.premise, one_line(message));
  }

  pqxx::dbtransaction& m_transaction;
  ProvenImplications& m_result;
};

// The branches, grouped in chunks of at most `tables` distinct tables, each
// table's conditions before its questions.
std::vector<std::vector<Branch>> chunks_of(const std::vector<ImplicationQuestion>& questions,
                                           const std::vector<ConditionToPlan>& conditions, size_t tables) {
  std::map<const Table*, std::vector<Branch>> by_table;
  std::vector<const Table*> order;
  auto add = [&](const Table* table, Branch branch) {
    auto& list = by_table[table];
    if (list.empty()) order.push_back(table);
    const bool seen = std::any_of(list.begin(), list.end(), [&](const Branch& other) {
      return other.premise == branch.premise && other.conclusion == branch.conclusion;
    });
    if (!seen) list.push_back(std::move(branch));
  };
  for (const auto& condition : conditions) add(condition.table, {condition.table, condition.condition, ""});
  for (const auto& question : questions) add(question.table, {question.table, question.premise, question.conclusion});
  std::vector<std::vector<Branch>> chunks;
  for (size_t t = 0; t < order.size(); ++t) {
    if (t % std::max<size_t>(tables, 1) == 0) chunks.emplace_back();
    for (auto& branch : by_table[order[t]]) chunks.back().push_back(std::move(branch));
  }
  return chunks;
}

}  // namespace

bool RecordingImplications::prove(const Table& table, const std::string& premise, const std::string& conclusion) const {
  m_questions.push_back({&table, premise, conclusion});
  return false;
}

void ProvenImplications::add_proof(const Table& table, const std::string& premise, const std::string& conclusion) {
  m_proofs.insert(key_of(table, premise, conclusion));
}

void ProvenImplications::add_refused(const Table& table, const std::string& condition, const std::string& message) {
  m_refused[key_of(table, condition, "")] = message;
}

std::string ProvenImplications::refusal(const Table& table, const std::string& condition) const {
  const auto found = m_refused.find(key_of(table, condition, ""));
  return found == m_refused.end() ? "" : found->second;
}

bool ProvenImplications::prove(const Table& table, const std::string& premise, const std::string& conclusion) const {
  return m_proofs.count(key_of(table, premise, conclusion)) > 0;
}

ProvenImplications prove_implications(pqxx::transaction_base& transaction, const std::vector<ImplicationQuestion>& questions,
                                      const std::vector<ConditionToPlan>& conditions, size_t tables_per_statement) {
  ProvenImplications result;
  const auto chunks = chunks_of(questions, conditions, tables_per_statement);
  if (chunks.empty()) return result;
  // SET LOCAL: for this rule's transaction only. jit off: compiling a plan
  // nobody runs is pure cost.
  // Savepoints need a real transaction; the check's always is one.
  auto* real = dynamic_cast<pqxx::dbtransaction*>(&transaction);
  if (real == nullptr) throw std::logic_error("prove_implications needs a transaction that can hold savepoints");
  transaction.exec("SET LOCAL constraint_exclusion = on; SET LOCAL jit = off");
  Prover prover(*real, result);
  for (const auto& chunk : chunks) prover.plan(chunk);
  return result;
}

}  // namespace plumb
