#include "rules/check_runner.hpp"
#include "rules/named_columns_check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "db/lock_holders.hpp"
#include "db/superuser_warning.hpp"
#include "rules/check_kind.hpp"
#include "rules/volatile_function_guard.hpp"
#include "schema/catalog_reader.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

bool selected(const Rule& rule, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& wanted : only)
    if (wanted == rule.id || std::find(rule.tags.begin(), rule.tags.end(), wanted) != rule.tags.end()) return true;
  return false;
}

// The rule's own `timeout:`, else the run's.
std::chrono::milliseconds timeout_of(const Rule& rule, const CheckOptions& options) {
  return rule.timeout.value_or(options.statement_timeout);
}

int sample_limit_of(const Rule& rule, const CheckOptions& options) { return rule.samples ? options.sample_limit : 0; }

std::vector<Finding> run_in_transaction(pqxx::connection& connection, const Rule& rule, const std::vector<Model>& models,
                                        const SchemaSnapshot& schema, const CheckOptions& options) {
  // READ ONLY: a check must be safe against production, whatever SQL a
  // rule holds. The timeouts and the role are LOCAL so they end with the
  // transaction; the role is quoted as a name, never pasted.
  pqxx::transaction<pqxx::read_committed, pqxx::read_only> transaction(connection, "plumb_rule");
  transaction.exec("SET LOCAL statement_timeout = " + std::to_string(timeout_of(rule, options).count()) +
                   "; SET LOCAL lock_timeout = " + std::to_string(options.lock_timeout.count()));
  if (!options.role.empty()) transaction.exec("SET LOCAL ROLE " + transaction.quote_name(options.role));
  if (rule.spec) require_named_columns(transaction, *rule.spec);
  CheckContext context{models, &schema, transaction, sample_limit_of(rule, options)};
  auto findings = find_check_kind(rule.check)->run(rule, context);
  // ROLLBACK, never COMMIT: READ ONLY still lets a function such as
  // lo_from_bytea write, and a check keeps nothing it did.
  transaction.abort();
  return findings;
}

// What every run does on its first connection before any rule: refuse
// volatile calls and warn about a superuser.
void guard_run(pqxx::connection& connection, const std::vector<Rule>& rules, const CheckOptions& options) {
  for (const auto& name : options.allowed_volatile) require_allowable(name);
  refuse_volatile_calls(connection, rules, options.allowed_volatile);
  warn_when_superuser(connection);
}

// Hands the selected rules out to the workers one at a time and keeps their
// results in file order, whatever order they finish in. The first failure
// that must stop the run (a broken connection) stops handing out rules.
class RuleQueue {
 public:
  RuleQueue(std::vector<Rule> rules, CheckProgress* progress)
      : m_rules(std::move(rules)), m_results(m_rules.size()), m_progress(progress) {}

  // The next rule to run, or nullptr when none is left or the run stopped.
  const Rule* next(size_t& index) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_failure || m_next == m_rules.size()) return nullptr;
    index = m_next++;
    return &m_rules[index];
  }

  void finish(size_t index, RuleResult result) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_results[index] = std::move(result);
    ++m_finished;
    if (m_progress) m_progress->rule_finished(m_finished, m_rules.size(), m_results[index]);
  }

  void stop(std::exception_ptr failure) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_failure) m_failure = failure;
  }

  size_t size() const { return m_rules.size(); }

  // The results in file order; rethrows the failure that stopped the run.
  CheckReport report() {
    if (m_failure) std::rethrow_exception(m_failure);
    CheckReport report;
    report.results = std::move(m_results);
    return report;
  }

 private:
  std::mutex m_mutex;
  const std::vector<Rule> m_rules;
  std::vector<RuleResult> m_results;
  CheckProgress* m_progress;
  size_t m_next = 0;
  size_t m_finished = 0;
  std::exception_ptr m_failure;
};

// One worker: runs rules from the queue on its connection until none is left.
void work(pqxx::connection& connection, RuleQueue& queue, const std::vector<Model>& models,
          const SchemaSnapshot& schema, const CheckOptions& options) {
  try {
    size_t index = 0;
    while (const Rule* rule = queue.next(index)) queue.finish(index, run_rule(connection, *rule, models, schema, options));
  } catch (...) {
    queue.stop(std::current_exception());
  }
}

// A worker beyond the first opens its own connection: a pqxx connection is
// not shared between threads.
void work_on_new_connection(const ConnectionSettings& settings, RuleQueue& queue, const std::vector<Model>& models,
                            const SchemaSnapshot& schema, const CheckOptions& options) {
  try {
    auto connection = connect(settings, ReadOnlySession{options.lock_timeout, options.statement_timeout});
    work(*connection, queue, models, schema, options);
  } catch (...) {
    queue.stop(std::current_exception());
  }
}

}  // namespace

std::vector<Rule> select_rules(const RuleSet& rules, const std::vector<std::string>& only) {
  for (const auto& wanted : only) {
    const bool known = std::any_of(rules.rules.begin(), rules.rules.end(),
                                   [&](const Rule& rule) { return selected(rule, {wanted}); });
    if (!known) throw InputError("--only " + wanted + ": no rule has this id or tag");
  }
  std::vector<Rule> chosen;
  for (const auto& rule : rules.rules)
    if (selected(rule, only)) chosen.push_back(rule);
  return chosen;
}

RuleResult run_rule(pqxx::connection& connection, const Rule& rule, const std::vector<Model>& models,
                    const SchemaSnapshot& schema, const CheckOptions& options) {
  RuleResult result = result_for(rule);
  if (const auto skip = options.skipped_kinds.find(rule.check); skip != options.skipped_kinds.end()) {
    result.status = RuleStatus::skipped;
    result.error = skip->second;
    return result;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    result.findings = run_in_transaction(connection, rule, models, schema, options);
    result.status = result.findings.empty() ? RuleStatus::passed : RuleStatus::failed;
  } catch (const pqxx::broken_connection&) {
    throw;  // nothing else can run either: the whole check fails (exit 3)
  } catch (const pqxx::sql_error& error) {
    if (queries_interrupted()) throw;  // cancelled by an interrupt: the whole check stops
    // 57014 is query_canceled, which is what statement_timeout raises.
    result.status = error.sqlstate() == "57014" ? RuleStatus::timed_out : RuleStatus::error;
    result.error = describe_database_error(error);
    if (is_lock_timeout(error)) result.error += "; " + describe_lock_holders(connection);
  } catch (const std::exception& error) {
    result.status = RuleStatus::error;
    result.error = describe_database_error(error);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("rule {}: {} in {:.3f}s", rule.id, to_string(result.status), result.seconds);
  return result;
}

CheckReport run_checks(pqxx::connection& connection, const RuleSet& rules, const CheckOptions& options,
                       CheckProgress* progress) {
  const std::vector<Rule> selected = select_rules(rules, options.only);
  guard_run(connection, selected, options);
  const SchemaSnapshot schema = read_schema_snapshot(connection, std::nullopt, options.statement_timeout);
  RuleQueue queue(selected, progress);
  work(connection, queue, rules.models, schema, options);
  return queue.report();
}

CheckReport run_checks(const ConnectionSettings& settings, const RuleSet& rules, const CheckOptions& options,
                       CheckProgress* progress) {
  const std::vector<Rule> selected = select_rules(rules, options.only);
  auto connection = connect(settings, ReadOnlySession{options.lock_timeout, options.statement_timeout});
  guard_run(*connection, selected, options);
  // The snapshot is read once and only read afterwards, so the workers
  // share it. The session's limits (--lock-timeout too) apply to it.
  const SchemaSnapshot schema = read_schema_snapshot(*connection);
  RuleQueue queue(selected, progress);
  const size_t workers = std::min(static_cast<size_t>(std::max(options.jobs, 1)), std::max(queue.size(), size_t{1}));
  std::vector<std::thread> threads;
  for (size_t worker = 1; worker < workers; ++worker)
    threads.emplace_back(work_on_new_connection, std::cref(settings), std::ref(queue), std::cref(rules.models),
                         std::cref(schema), std::cref(options));
  work(*connection, queue, rules.models, schema, options);
  for (auto& thread : threads) thread.join();
  return queue.report();
}

}  // namespace plumb
