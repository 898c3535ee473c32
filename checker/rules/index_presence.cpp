// index_exists and index_absent: an index named, or on a table's columns in
// order, must be there (a lookup the app relies on) or must not (one a
// migration was meant to drop, such as the incident's global unique index).
#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

struct Match {
  const Table* table;
  const Index* index;
};

// The indexes the rule designates: by `name` (in the `table`'s schema when
// given, any table otherwise), or by `table` and `columns` in key order.
std::vector<Match> designated(const Rule& rule, const SchemaSnapshot& schema) {
  const auto name = optional_text(rule, "name");
  const auto columns = text_list(rule, "columns", false);
  std::vector<Match> matches;
  for (const Table* table : tables_in_scope(rule, schema))
    for (const auto& index : table->indexes)
      if (name ? index.name == *name : index.key_texts() == columns) matches.push_back({table, &index});
  return matches;
}

std::string what(const Rule& rule) {
  const auto name = optional_text(rule, "name");
  if (name) return "index " + *name;
  return "an index on " + optional_text(rule, "table").value_or("") + " (" + join(text_list(rule, "columns", false), ", ") + ")";
}

class IndexPresence : public CheckKind {
 public:
  explicit IndexPresence(bool wanted) : m_wanted(wanted) {}

  const char* name() const override { return m_wanted ? "index_exists" : "index_absent"; }
  std::vector<std::string> option_keys() const override { return {"name", "table", "columns"}; }

  void validate(const Rule& rule, const std::vector<Model>&) const override {
    const bool named = optional_text(rule, "name").has_value();
    const bool by_columns = !text_list(rule, "columns", false).empty();
    if (named && by_columns) throw rule_error(rule, rule.options["columns"], "give 'name' or 'columns', not both");
    if (!named && !by_columns) throw rule_error(rule, rule.options, "needs 'name', or 'table' and 'columns'");
    if (by_columns && !optional_text(rule, "table"))
      throw rule_error(rule, rule.options["columns"], "'columns' needs 'table'");
  }

  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override {
    const auto matches = designated(rule, schema_of(context));
    if (m_wanted) return matches.empty() ? std::vector<Finding>{missing(rule)} : std::vector<Finding>{};
    std::vector<Finding> findings;
    for (const auto& match : matches) findings.push_back(present(rule, match));
    return findings;
  }

 private:
  static Finding missing(const Rule& rule) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = what(rule);
    finding.key = finding.object;
    finding.message = what(rule) + " does not exist";
    finding.why = rule.description.empty() ? "the rules file says it must exist" : rule.description;
    const auto table = optional_text(rule, "table");
    finding.fix = table && !text_list(rule, "columns", false).empty()
                      ? "CREATE INDEX CONCURRENTLY ON " + *table + " (" + join(text_list(rule, "columns", false), ", ") + ");"
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

const CheckKind& index_exists_kind() {
  static const IndexPresence kind(true);
  return kind;
}

const CheckKind& index_absent_kind() {
  static const IndexPresence kind(false);
  return kind;
}

}  // namespace plumb
