// redundant_indexes: an index that another one makes useless: the same keys
// and predicate twice, or a plain btree index whose keys are a leading
// prefix of another's (the longer one serves its lookups too).
#include <algorithm>

#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

bool same_keys_and_predicate(const Index& a, const Index& b) {
  return a.key_texts() == b.key_texts() && a.predicate == b.predicate && a.method == b.method;
}

bool leading_prefix(const Index& shorter, const Index& longer) {
  const auto a = shorter.key_texts();
  const auto b = longer.key_texts();
  return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Which of two indexes with the same keys to keep: one that enforces
// something (unique, a constraint) over one that does not, else the first
// by name, so that the finding is stable.
bool keep_first(const Index& a, const Index& b) {
  const int a_weight = (a.unique ? 2 : 0) + (a.constraint ? 1 : 0);
  const int b_weight = (b.unique ? 2 : 0) + (b.constraint ? 1 : 0);
  if (a_weight != b_weight) return a_weight > b_weight;
  return a.name < b.name;
}

// The index that makes `index` redundant, or nullptr. A unique index is
// never redundant to a wider one: it enforces something the wider does not.
const Index* covered_by(const Index& index, const Table& table) {
  if (!index.valid) return nullptr;  // no_invalid_indexes reports those
  // An exact twin is the clearer explanation, so it is looked for first.
  for (const auto& other : table.indexes)
    if (&other != &index && other.valid && same_keys_and_predicate(index, other) && keep_first(other, index)) return &other;
  if (index.unique || index.predicate || index.method != "btree") return nullptr;
  for (const auto& other : table.indexes)
    if (other.valid && other.method == "btree" && !other.predicate && leading_prefix(index, other)) return &other;
  return nullptr;
}

class RedundantIndexes : public SchemaCheckKind {
 public:
  const char* name() const override { return "redundant_indexes"; }
  std::vector<std::string> option_keys() const override { return {"table"}; }
  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>&) const override {
    return table_scope(options);
  }

  std::vector<Finding> judge(const Rule& rule, const SchemaSnapshot& schema, const std::vector<Model>&) const override {
    std::vector<Finding> findings;
    for (const Table* table : tables_in_scope(rule.spec_as<TableScopeSpec>().table, schema))
      for (const auto& index : table->indexes)
        if (const Index* other = covered_by(index, *table)) findings.push_back(redundant(rule, *table, index, *other));
    return findings;
  }

 private:
  static Finding redundant(const Rule& rule, const Table& table, const Index& index, const Index& other) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = index_object(table, index);
    finding.key = table.qualified_name() + "." + index.name;
    const bool same = same_keys_and_predicate(index, other);
    finding.message = "index " + index.name + " (" + join(index.key_texts(), ", ") + ") is redundant: " +
                      (same ? "it has the same keys and predicate as " : "its keys are a leading prefix of ") +
                      other.name + " (" + join(other.key_texts(), ", ") + ")";
    finding.why = "every write maintains both, and the planner can use " + other.name + " for the same lookups";
    finding.fix = drop_index_sql(table, index);
    return finding;
  }
};

}  // namespace

const SchemaCheckKind& redundant_indexes_kind() {
  static const RedundantIndexes kind;
  return kind;
}

}  // namespace plumb
