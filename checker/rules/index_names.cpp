// index_names: names a person can read. Rails falls back to
// "idx_on_<columns>_<10 hex digits>" when its default name is too long; the
// incident report calls out how such a name made debugging harder.
#include <algorithm>
#include <regex>

#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"
#include "vocabulary/generated_name.hpp"

namespace plumb {
namespace {

// Rails' own scheme when it fits in PostgreSQL's 63 bytes, else the table
// and columns without the filler words.
std::string readable_name(const Table& table, const Index& index) {
  const std::string columns = join(index.key_texts(), "_and_");
  const std::string rails = "index_" + table.name + "_on_" + columns;
  if (rails.size() <= 63 && index.plain_columns_only()) return rails;
  std::string shorter = table.name + "_" + join(index.key_texts(), "_");
  shorter.erase(std::remove_if(shorter.begin(), shorter.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)) && c != '_'; }),
                shorter.end());
  return shorter.substr(0, 63);
}

// An optional `table:` scope and `pattern:`, compiled once when loaded.
struct IndexNamesSpec : TableScopeSpec {
  std::optional<std::string> pattern;
  // Indexes behind a PRIMARY KEY or UNIQUE constraint are named after the
  // constraint (t_pkey, t_email_key): judged only when asked.
  bool constraints = false;
  std::regex compiled{".*"};
};

class IndexNames : public SchemaCheckKind {
 public:
  const char* name() const override { return "index_names"; }
  std::vector<std::string> option_keys() const override { return {"table", "pattern", "constraints"}; }

  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>&) const override {
    auto spec = std::make_shared<IndexNamesSpec>();
    spec->pattern = options.optional_text("pattern");
    spec->table = options.table("table", false);
    if (const auto constraints = options.optional_text("constraints")) {
      if (*constraints != "true" && *constraints != "false")
        throw options.error("constraints", "'constraints' must be true or false, not '" + *constraints + "'");
      spec->constraints = *constraints == "true";
    }
    if (!spec->pattern) return spec;
    try {
      spec->compiled = std::regex(*spec->pattern);
    } catch (const std::regex_error& error) {
      throw options.error("pattern", "'pattern' is not a valid regular expression: " + std::string(error.what()));
    }
    return spec;
  }

  std::vector<Finding> judge(const Rule& rule, const SchemaSnapshot& schema, const std::vector<Model>&) const override {
    const auto& spec = rule.spec_as<IndexNamesSpec>();
    std::vector<Finding> findings;
    for (const Table* table : tables_in_scope(spec.table, schema))
      for (const auto& index : table->indexes) {
        if (index.constraint && !spec.constraints) continue;
        if (has_hash_suffix(index.name))
          findings.push_back(badly_named(rule, *table, index, "ends in a generated hash"));
        else if (!std::regex_match(index.name, spec.compiled))
          findings.push_back(badly_named(rule, *table, index, "does not match the pattern " + *spec.pattern));
      }
    return findings;
  }

 private:
  static Finding badly_named(const Rule& rule, const Table& table, const Index& index, const std::string& problem) {
    Finding finding;
    finding.severity = rule.severity;
    finding.object = index_object(table, index);
    finding.key = table.qualified_name() + "." + index.name;
    finding.message = "index name " + index.name + " " + problem;
    finding.why = "an error message naming it (a unique violation at 3 a.m.) should say which columns it covers";
    finding.fix = "ALTER INDEX " + qualified(table.schema, index.name) + " RENAME TO " + quote_identifier(readable_name(table, index)) + ";";
    return finding;
  }
};

}  // namespace

const SchemaCheckKind& index_names_kind() {
  static const IndexNames kind;
  return kind;
}

}  // namespace plumb
