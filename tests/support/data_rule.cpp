#include "support/data_rule.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "rules/rule_options.hpp"

namespace plumb::testing {
namespace {

const CheckKind& kind_of(const Rule& rule) {
  const CheckKind* kind = find_check_kind(rule.check);
  if (kind == nullptr) throw std::runtime_error("no check kind '" + rule.check + "'");
  return *kind;
}

}  // namespace

Rule rule_from_yaml(const std::string& yaml) {
  const YAML::Node node = YAML::Load(yaml);
  Rule rule;
  rule.id = node["id"].as<std::string>();
  rule.check = node["check"].as<std::string>();
  if (node["description"]) rule.description = node["description"].as<std::string>();
  rule.location = {"rules.yml", node.Mark().line + 1, node.Mark().column + 1};
  rule.spec = kind_of(rule).validate(RuleOptions(rule, node), {});
  return rule;
}

void validate_rule(const std::string& yaml) { rule_from_yaml(yaml); }

std::vector<Finding> run_rule(const TestDatabase& database, const std::string& yaml, int sample_limit,
                              const std::string& statement_timeout) {
  const Rule rule = rule_from_yaml(yaml);
  const CheckKind& kind = kind_of(rule);
  auto connection = database.connect();
  pqxx::read_transaction transaction(*connection);
  if (!statement_timeout.empty())
    transaction.exec("SET LOCAL statement_timeout = " + transaction.quote(statement_timeout));
  const std::vector<Model> models;
  CheckContext context{models, nullptr, transaction, sample_limit};
  return kind.run(rule, context);
}

}  // namespace plumb::testing
