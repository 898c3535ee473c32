#include "report/baseline.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include "util/errors.hpp"
#include "util/sha256.hpp"

namespace plumb {
namespace {

constexpr int k_baseline_version = 1;

bool completed(const RuleResult& result) {
  return result.status == RuleStatus::passed || result.status == RuleStatus::failed;
}

}  // namespace

std::string finding_fingerprint(const std::string& rule_id, const Finding& finding) {
  return sha256_hex(rule_id + "\n" + finding.key);
}

std::string write_baseline(const CheckReport& report) {
  std::vector<BaselineEntry> entries;
  for (const auto& result : report.results)
    for (const auto& finding : result.findings)
      entries.push_back({finding_fingerprint(result.rule_id, finding), result.rule_id, finding.object, finding.message});
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.rule_id, a.fingerprint) < std::tie(b.rule_id, b.fingerprint);
  });
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& entry : entries)
    findings.push_back(
        {{"fingerprint", entry.fingerprint}, {"rule", entry.rule_id}, {"object", entry.object}, {"message", entry.message}});
  // The JSON writer escapes every string, so no name can add structure; a
  // name that is not UTF-8 (a server in SQL_ASCII) is written with U+FFFD
  // rather than failing the run (matching uses the fingerprint only).
  return nlohmann::json{{"version", k_baseline_version}, {"findings", findings}}.dump(
             2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

Baseline read_baseline(const std::string& text, const std::string& file) {
  try {
    const auto json = nlohmann::json::parse(text);
    if (json.at("version").get<int>() != k_baseline_version)
      throw InputError(file + ": baseline version " + json.at("version").dump() + " is not supported (expected 1)");
    Baseline baseline;
    for (const auto& item : json.at("findings"))
      baseline.entries.push_back({item.at("fingerprint").get<std::string>(), item.value("rule", ""),
                                  item.value("object", ""), item.value("message", "")});
    return baseline;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file + ": not a plumb baseline: " + error.what());
  }
}

BaselineOutcome apply_baseline(const CheckReport& report, const Baseline& baseline) {
  std::set<std::string> known;
  for (const auto& entry : baseline.entries) known.insert(entry.fingerprint);
  std::set<std::string> seen;
  std::set<std::string> unchecked_rules;

  BaselineOutcome outcome{report, 0, {}};
  for (auto& result : outcome.report.results) {
    if (!completed(result)) unchecked_rules.insert(result.rule_id);
    std::vector<Finding> fresh;
    for (auto& finding : result.findings) {
      const std::string fingerprint = finding_fingerprint(result.rule_id, finding);
      seen.insert(fingerprint);
      if (known.count(fingerprint) != 0) ++outcome.suppressed;
      else fresh.push_back(std::move(finding));
    }
    result.findings = std::move(fresh);
    if (result.status == RuleStatus::failed && result.findings.empty()) result.status = RuleStatus::passed;
  }
  for (const auto& entry : baseline.entries)
    if (seen.count(entry.fingerprint) == 0 && unchecked_rules.count(entry.rule_id) == 0)
      outcome.resolved.push_back(entry);
  return outcome;
}

}  // namespace plumb
