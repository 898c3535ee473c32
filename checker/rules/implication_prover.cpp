#include "rules/implication_prover.hpp"

#include <algorithm>
#include <memory>
#include <regex>
#include <stdexcept>

#include "schema/condition_facts.hpp"
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

// A relation with the table's columns and types that the planner need not
// open: `(VALUES (NULL::bigint, ...)) AS t(id, ...)`. Planning a condition
// on it finds every type error without touching the table (opening 2,000
// tables cold was most of the check's time).
std::string stand_in(const Table& table) {
  std::vector<std::string> values, names;
  for (const auto& column : table.columns) {
    values.push_back("NULL::" + column.type);
    names.push_back(sql_identifier(column.name));
  }
  if (values.empty()) return "(SELECT) AS t";
  return "(VALUES (" + join(values, ", ") + ")) AS t(" + join(names, ", ") + ")";
}

// A question (conclusion set) asked on the table itself, where constraint
// exclusion can refute it; a condition planned alone on the stand-in.
std::string branch_sql(const Branch& branch, size_t number) {
  if (branch.conclusion.empty())
    return "SELECT " + std::to_string(number) + " FROM " + stand_in(*branch.table) + " WHERE " +
           parenthesised_condition(branch.premise);
  std::string sql = "SELECT " + std::to_string(number) + " FROM " + sql_identifier(branch.table->schema) + "." + sql_identifier(branch.table->name);
  std::vector<std::string> terms;
  if (!trim(branch.premise).empty()) terms.push_back(parenthesised_condition(with_prover_rewrites(branch.premise)));
  terms.push_back("(" + parenthesised_condition(with_prover_rewrites(branch.conclusion)) + " IS NOT TRUE)");
  return sql + " WHERE " + join(terms, " AND ");
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

  // Plans `branches` in one statement; on refusal, halves them until the
  // refused branch is alone.
  void plan(const std::vector<Branch>& branches) {
    if (branches.empty()) return;
    try {
      ++m_result.statements;
      record(branches, surviving(savepoint(), branches));
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& error) {
      m_savepoint.reset();  // rolls back to the savepoint: the rule's transaction goes on
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

  void finish() {
    if (m_savepoint) m_savepoint->commit();
  }

 private:
  // One savepoint for every statement that succeeds in a row, so that a
  // refused statement leaves the rule's transaction usable without costing
  // a SAVEPOINT per statement.
  pqxx::subtransaction& savepoint() {
    if (!m_savepoint) m_savepoint = std::make_unique<pqxx::subtransaction>(m_transaction, "plumb_proof");
    return *m_savepoint;
  }

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
  std::unique_ptr<pqxx::subtransaction> m_savepoint;
};

// The branches: the conditions alone, `conditions_per_statement` at a time
// (they lock nothing), then the questions grouped in chunks of at most
// `tables` distinct tables. Each branch once.
std::vector<std::vector<Branch>> chunks_of(const std::vector<ImplicationQuestion>& questions,
                                           const std::vector<ConditionToPlan>& conditions, size_t tables) {
  const size_t conditions_per_statement = 500;
  std::vector<std::vector<Branch>> chunks;
  std::set<std::pair<const Table*, std::string>> planned;
  for (const auto& condition : conditions) {
    if (!planned.insert({condition.table, condition.condition}).second) continue;
    if (chunks.empty() || chunks.back().size() == conditions_per_statement) chunks.emplace_back();
    chunks.back().push_back({condition.table, condition.condition, ""});
  }
  std::map<const Table*, std::vector<Branch>> by_table;
  std::vector<const Table*> order;
  for (const auto& question : questions) {
    auto& list = by_table[question.table];
    if (list.empty()) order.push_back(question.table);
    const bool seen = std::any_of(list.begin(), list.end(), [&](const Branch& other) {
      return other.premise == question.premise && other.conclusion == question.conclusion;
    });
    if (!seen) list.push_back({question.table, question.premise, question.conclusion});
  }
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
  prover.finish();
  return result;
}

}  // namespace plumb
