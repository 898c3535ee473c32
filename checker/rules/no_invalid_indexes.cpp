// no_invalid_indexes: an INVALID index (a CREATE INDEX CONCURRENTLY that
// failed or was cancelled) is never used by queries, still costs every
// write, and a unique one may still reject rows while guaranteeing nothing.
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"

namespace plumb {
namespace {

class NoInvalidIndexes : public SchemaCheckKind {
 public:
  const char* name() const override { return "no_invalid_indexes"; }
  std::vector<std::string> option_keys() const override { return {"table"}; }
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>&) const override {
    return table_scope(options);
  }

  std::vector<Finding> judge(const Rule& rule, const SchemaSnapshot& schema, const std::vector<Model>&) const override {
    std::vector<Finding> findings;
    for (const Table* table : tables_in_scope(rule.spec_as<TableScopeSpec>().table, schema))
      for (const auto& index : table->indexes)
        if (!index.valid) findings.push_back(invalid(rule, *table, index));
    return findings;
  }

 private:
  static Finding invalid(const Rule& rule, const Table& table, const Index& index) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = index_object(table, index);
    finding.key = table.qualified_name() + "." + index.name;
    finding.message = std::string(index.unique ? "unique " : "") + "index " + index.name + " is INVALID" +
                      (index.ready ? "" : " and not ready");
    finding.why = "queries never use it and it enforces nothing, yet every write still maintains it";
    finding.fix = "DROP INDEX CONCURRENTLY " + qualified(table.schema, index.name) + ";\n" + create_concurrently_sql(index);
    return finding;
  }
};

}  // namespace

const SchemaCheckKind& no_invalid_indexes_kind() {
  static const NoInvalidIndexes kind;
  return kind;
}

}  // namespace plumb
