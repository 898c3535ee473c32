// index_exists and index_absent: an index named, or on a table's columns in
// order, must be there (a lookup the app relies on) or must not (one a
// migration was meant to drop, such as the incident's global unique index).
#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// An index designated by `name` (in the `table`'s schema when given, any
// table otherwise), or by `table` and `columns` in key order.
struct IndexPresenceSpec : RuleSpec {
  std::optional<std::string> name;
  std::optional<QualifiedName> table;
  std::vector<std::string> columns;  // empty when designated by name

  // What the rule designates, as findings say it.
  std::string what() const {
    if (name) return "index " + *name;
    return "an index on " + table->to_string() + " (" + join(columns, ", ") + ")";
  }
};

struct Match {
  const Table* table;
  const Index* index;
};

std::vector<Match> designated(const IndexPresenceSpec& spec, const SchemaSnapshot& schema) {
  std::vector<Match> matches;
  for (const Table* table : tables_in_scope(spec.table, schema))
    for (const auto& index : table->indexes)
      if (spec.name ? index.name == *spec.name : index.key_texts() == spec.columns) matches.push_back({table, &index});
  return matches;
}

class IndexPresence : public SchemaCheckKind {
 public:
  explicit IndexPresence(bool wanted) : m_wanted(wanted) {}

  const char* name() const override { return m_wanted ? "index_exists" : "index_absent"; }
  std::vector<std::string> option_keys() const override { return {"name", "table", "columns"}; }

  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>&) const override {
    auto spec = std::make_shared<IndexPresenceSpec>();
    spec->name = options.optional_text("name");
    spec->columns = options.text_list("columns", false);
    if (spec->name && !spec->columns.empty()) throw options.error("columns", "give 'name' or 'columns', not both");
    if (!spec->name && spec->columns.empty()) throw options.error("", "needs 'name', or 'table' and 'columns'");
    spec->table = options.table("table", false);
    if (!spec->columns.empty() && !spec->table) throw options.error("columns", "'columns' needs 'table'");
    return spec;
  }

  std::vector<Finding> judge(const Rule& rule, const SchemaSnapshot& schema, const std::vector<Model>&) const override {
    const auto& spec = rule.spec_as<IndexPresenceSpec>();
    const auto matches = designated(spec, schema);
    if (m_wanted) return matches.empty() ? std::vector<Finding>{missing(rule, spec)} : std::vector<Finding>{};
    std::vector<Finding> findings;
    for (const auto& match : matches) findings.push_back(present(rule, match));
    return findings;
  }

 private:
  static Finding missing(const Rule& rule, const IndexPresenceSpec& spec) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = spec.what();
    finding.key = finding.object;
    finding.message = spec.what() + " does not exist";
    finding.why = rule.description.empty() ? "the rules file says it must exist" : rule.description;
    finding.fix = spec.table && !spec.columns.empty()
                      ? "CREATE INDEX CONCURRENTLY ON " + spec.table->to_string() + " (" + join(spec.columns, ", ") + ");"
                      : "create it in a migration (CREATE INDEX CONCURRENTLY)";
    return finding;
  }

  static Finding present(const Rule& rule, const Match& match) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = index_object(*match.table, *match.index);
    finding.key = match.table->qualified_name() + "." + match.index->name;
    finding.message = "index " + match.index->name + " (" + join(match.index->key_texts(), ", ") + ") exists and must not";
    finding.why = rule.description.empty() ? "the rules file says it must be gone" : rule.description;
    finding.fix = drop_index_sql(*match.table, *match.index);
    return finding;
  }

  bool m_wanted;
};

}  // namespace

const SchemaCheckKind& index_exists_kind() {
  static const IndexPresence kind(true);
  return kind;
}

const SchemaCheckKind& index_absent_kind() {
  static const IndexPresence kind(false);
  return kind;
}

}  // namespace plumb
