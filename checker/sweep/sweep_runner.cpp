#include "sweep/sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "db/connection.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

std::string assignments_text(const SweepAction& action) {
  std::vector<std::string> parts;
  for (const auto& assignment : action.sweep.set)
    parts.push_back(assignment.column + " = " +
                    (assignment.is_now ? "now()" : assignment.value ? "'" + *assignment.value + "'" : "NULL"));
  return join(parts, ", ");
}

// One line per distinct follow-up value among `rows`: the work (a workshop's
// invitations, say) that stopped when these rows got stuck.
std::string follow_ups(const SweptRows& rows) {
  std::set<std::string> lines;
  for (const auto& row : rows.rows) {
    std::vector<std::string> pairs;
    for (size_t i = 0; i < rows.follow_up_columns.size(); ++i)
      pairs.push_back(rows.follow_up_columns[i] + "=" + row.follow_up[i].value_or("NULL"));
    if (!pairs.empty()) lines.insert("  " + join(pairs, " "));
  }
  return lines.empty() ? "" : "start again what these rows were doing, for:\n" + join({lines.begin(), lines.end()}, "\n");
}

SampleRows samples_of(const SweptRows& rows, const std::string& title) {
  SampleRows samples;
  samples.title = title;
  samples.columns = rows.show_columns.empty() ? rows.key_columns : rows.show_columns;
  for (const auto& row : rows.rows) samples.rows.push_back(rows.show_columns.empty() ? row.key : row.shown);
  return samples;
}

// "; 3 more stuck row(s) left by --limit 2": what the next run will find.
std::string left_by_limit(const SweptRows& candidates) {
  if (candidates.stale <= candidates.rows.size()) return "";
  return "; " + std::to_string(candidates.stale - candidates.rows.size()) + " more stuck row(s) left by --limit " +
         std::to_string(candidates.rows.size());
}

std::string stale_text(const SweepAction& action) {
  return action.table() + " where " + action.stale.where.text + " unchanged for more than " +
         format_duration(action.stale.older_than) + " (" + action.stale.timestamp + ")";
}

Finding would_move(const Rule& rule, const SweepAction& action, const SweptRows& candidates) {
  Finding finding;
  finding.severity = rule.severity;
  finding.object = "table " + action.table();
  finding.key = action.table();
  finding.message = std::to_string(candidates.rows.size()) + " row(s) of " + stale_text(action) +
                    " would be set to " + assignments_text(action) + " (dry run)" + left_by_limit(candidates);
  finding.why = "stuck rows block what waits for them to leave their state, and nothing else will move them";
  finding.fix = "plumb sweep --only " + rule.id + " --apply\n" + follow_ups(candidates);
  finding.samples = samples_of(candidates, "rows that would move");
  return finding;
}

Finding moved(const Rule& rule, const SweepAction& action, const SweptRows& candidates, const SweptRows& rows) {
  Finding finding;
  finding.severity = Severity::info;
  finding.object = "table " + action.table();
  finding.key = action.table();
  finding.message = "moved " + std::to_string(rows.rows.size()) + " row(s) of " + stale_text(action) + ": set " +
                    assignments_text(action);
  const size_t left = candidates.rows.size() - rows.rows.size();
  if (left > 0)
    finding.message += "; left " + std::to_string(left) + " alone that made progress or were being written since the scan";
  finding.message += left_by_limit(candidates);
  finding.why = "rule '" + rule.id + "' found them stuck; they no longer block new work";
  finding.fix = follow_ups(rows);
  finding.samples = samples_of(rows, "rows moved");
  return finding;
}

RuleResult sweep_one(pqxx::connection& connection, const Rule& rule, const SweepOptions& options) {
  RuleResult result = result_for(rule);
  const auto started = std::chrono::steady_clock::now();
  try {
    const StaleRowSweep sweep(sweep_action_of(rule), options.safety);
    const SweptRows candidates = sweep.scan(connection, options.limit);
    if (!candidates.rows.empty()) {
      result.status = RuleStatus::failed;
      result.findings.push_back(options.apply ? moved(rule, sweep.action(), candidates, sweep.apply(connection, candidates))
                                              : would_move(rule, sweep.action(), candidates));
    }
  } catch (const pqxx::broken_connection&) {
    throw;  // the next rule cannot run either
  } catch (const pqxx::failure& error) {
    result.status = RuleStatus::error;
    result.error = describe_database_error(error);
  } catch (const RuntimeFailure& error) {
    result.status = RuleStatus::error;
    result.error = error.what();
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace

std::vector<Rule> sweepable_rules(const std::vector<Rule>& selected, const std::vector<std::string>& only,
                                  const std::vector<std::string>& files) {
  std::vector<Rule> sweepable;
  for (const auto& rule : selected) {
    if (has_sweep_action(rule)) sweepable.push_back(rule);
    // Named by id, a rule that cannot be swept is a mistake; by tag it is just not swept.
    else if (std::find(only.begin(), only.end(), rule.id) != only.end()) sweep_action_of(rule);
  }
  if (sweepable.empty())
    throw InputError("no rule with a sweep action in " + join(files, ", ") +
                     (only.empty() ? "" : " matches --only " + join(only, ", ")));
  return sweepable;
}

CheckReport run_sweeps(pqxx::connection& connection, const std::vector<Rule>& rules, const SweepOptions& options) {
  CheckReport report;
  report.command = "sweep";
  for (const auto& rule : rules) report.results.push_back(sweep_one(connection, rule, options));
  return report;
}

}  // namespace plumb
