#include "rules/check_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "db/connection.hpp"
#include "rules/check_kind.hpp"
#include "schema/catalog_reader.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

bool selected(const Rule& rule, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& wanted : only)
    if (wanted == rule.id || std::find(rule.tags.begin(), rule.tags.end(), wanted) != rule.tags.end()) return true;
  return false;
}

RuleResult result_for(const Rule& rule) {
  RuleResult result;
  result.rule_id = rule.id;
  result.check = rule.check;
  result.severity = rule.severity;
  result.tags = rule.tags;
  result.description = rule.description;
  result.location = rule.location;
  return result;
}

// The rule's own `timeout:` (validated by the loader), else the run's.
std::chrono::milliseconds timeout_of(const Rule& rule, const CheckOptions& options) {
  const YAML::Node timeout = rule.options["timeout"];
  if (timeout && timeout.IsScalar()) return parse_duration(timeout.Scalar());
  return options.statement_timeout;
}

std::vector<Finding> run_in_transaction(pqxx::connection& connection, const Rule& rule, const std::vector<Model>& models,
                                        const SchemaSnapshot& schema, const CheckOptions& options) {
  // READ ONLY: a check must be safe against production, whatever SQL a
  // rule holds. The timeouts are LOCAL so they end with the transaction.
  pqxx::transaction<pqxx::read_committed, pqxx::read_only> transaction(connection, "plumb_rule");
  transaction.exec("SET LOCAL statement_timeout = " + std::to_string(timeout_of(rule, options).count()) +
                   "; SET LOCAL lock_timeout = " + std::to_string(options.lock_timeout.count()));
  CheckContext context{models, &schema, transaction, options.sample_limit};
  auto findings = find_check_kind(rule.check)->run(rule, context);
  transaction.commit();
  return findings;
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
  const auto started = std::chrono::steady_clock::now();
  try {
    result.findings = run_in_transaction(connection, rule, models, schema, options);
    result.status = result.findings.empty() ? RuleStatus::passed : RuleStatus::failed;
  } catch (const pqxx::broken_connection&) {
    throw;  // nothing else can run either: the whole check fails (exit 3)
  } catch (const pqxx::sql_error& error) {
    // 57014 is query_canceled, which is what statement_timeout raises.
    result.status = error.sqlstate() == "57014" ? RuleStatus::timed_out : RuleStatus::error;
    result.error = describe_database_error(error);
  } catch (const std::exception& error) {
    result.status = RuleStatus::error;
    result.error = describe_database_error(error);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("rule {}: {} in {:.3f}s", rule.id, to_string(result.status), result.seconds);
  return result;
}

CheckReport run_checks(pqxx::connection& connection, const RuleSet& rules, const CheckOptions& options) {
  const auto chosen = select_rules(rules, options.only);
  const SchemaSnapshot schema = read_schema_snapshot(connection, std::nullopt, options.statement_timeout);
  CheckReport report;
  for (const auto& rule : chosen) report.results.push_back(run_rule(connection, rule, rules.models, schema, options));
  return report;
}

}  // namespace plumb
