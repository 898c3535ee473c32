// Benchmark driver: runs the data rules of a rules file the way `plumb check`
// runs them (each rule in its own READ ONLY transaction with a statement and
// lock timeout, `jobs` rules at a time on separate connections) and prints
// one line per rule and the wall time. Stands in for `plumb check --jobs N`
// until the check command lands; see RESULTS.md.
//
//   run_rules CONNINFO RULES_FILE JOBS
#include <pqxx/pqxx>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "rules/check_kind.hpp"

namespace {

std::vector<plumb::Rule> load_rules(const std::string& path) {
  std::vector<plumb::Rule> rules;
  for (const YAML::Node& entry : YAML::LoadFile(path)["rules"]) {
    plumb::Rule rule;
    rule.id = entry["id"].as<std::string>();
    rule.check = entry["check"].as<std::string>();
    rule.location = {path, entry.Mark().line + 1, entry.Mark().column + 1};
    rule.options = entry;
    plumb::find_check_kind(rule.check)->validate(rule, {});
    rules.push_back(rule);
  }
  return rules;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: run_rules CONNINFO RULES_FILE JOBS\n");
    return 2;
  }
  const auto rules = load_rules(argv[2]);
  const int jobs = std::stoi(argv[3]);
  const auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> next{0};
  std::mutex output;
  std::vector<std::thread> workers;
  for (int job = 0; job < jobs; ++job)
    workers.emplace_back([&] {
      pqxx::connection connection(argv[1]);
      const std::vector<plumb::Model> models;
      for (size_t index = next++; index < rules.size(); index = next++) {
        const auto rule_start = std::chrono::steady_clock::now();
        pqxx::read_transaction transaction(connection);
        transaction.exec("SET LOCAL statement_timeout = '30min'");
        transaction.exec("SET LOCAL lock_timeout = '5s'");
        plumb::CheckContext context{models, nullptr, transaction, 10};
        const auto findings = plumb::find_check_kind(rules[index].check)->run(rules[index], context);
        transaction.commit();
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - rule_start;
        std::lock_guard<std::mutex> lock(output);
        std::printf("%-45s %zu finding(s) %8.3f s\n", rules[index].id.c_str(), findings.size(), seconds.count());
      }
    });
  for (auto& worker : workers) worker.join();
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  std::printf("total %.3f s\n", seconds.count());
  return 0;
}
