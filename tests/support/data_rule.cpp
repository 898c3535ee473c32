#include "support/data_rule.hpp"

#include <stdexcept>

namespace plumb::testing {
namespace {

const CheckKind& kind_of(const Rule& rule) {
  const CheckKind* kind = find_check_kind(rule.check);
  if (kind == nullptr) throw std::runtime_error("no check kind '" + rule.check + "'");
  return *kind;
}

}  // namespace

Rule rule_from_yaml(const std::string& yaml) {
  Rule rule;
  rule.options = YAML::Load(yaml);
  rule.id = rule.options["id"].as<std::string>();
  rule.check = rule.options["check"].as<std::string>();
  if (rule.options["description"]) rule.description = rule.options["description"].as<std::string>();
  rule.location = {"rules.yml", rule.options.Mark().line + 1, rule.options.Mark().column + 1};
  return rule;
}

void validate_rule(const std::string& yaml) {
  const Rule rule = rule_from_yaml(yaml);
  kind_of(rule).validate(rule, {});
}

std::vector<Finding> run_rule(const TestDatabase& database, const std::string& yaml, int sample_limit,
                              const std::string& statement_timeout) {
  const Rule rule = rule_from_yaml(yaml);
  const CheckKind& kind = kind_of(rule);
  kind.validate(rule, {});
  auto connection = database.connect();
  pqxx::read_transaction transaction(*connection);
  if (!statement_timeout.empty())
    transaction.exec("SET LOCAL statement_timeout = " + transaction.quote(statement_timeout));
  const std::vector<Model> models;
  CheckContext context{models, nullptr, transaction, sample_limit};
  return kind.run(rule, context);
}

}  // namespace plumb::testing
