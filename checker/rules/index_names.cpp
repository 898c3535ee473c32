// index_names: names a person can read. Rails falls back to
// "idx_on_<columns>_<10 hex digits>" when its default name is too long; the
// incident report calls out how such a name made debugging harder.
#include <algorithm>
#include <regex>

#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "util/text.hpp"

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

class IndexNames : public CheckKind {
 public:
  const char* name() const override { return "index_names"; }
  std::vector<std::string> option_keys() const override { return {"table", "pattern"}; }

  void validate(const Rule& rule, const std::vector<Model>&) const override {
    const auto pattern = optional_text(rule, "pattern");
    if (!pattern) return;
    try {
      std::regex compiled(*pattern);
    } catch (const std::regex_error& error) {
      throw rule_error(rule, rule.options["pattern"], "'pattern' is not a valid regular expression: " + std::string(error.what()));
    }
  }

  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override {
    const auto pattern = optional_text(rule, "pattern");
    const std::regex compiled(pattern.value_or(".*"));
    std::vector<Finding> findings;
    for (const Table* table : tables_in_scope(rule, schema_of(context)))
      for (const auto& index : table->indexes) {
        if (has_hash_suffix(index.name))
          findings.push_back(badly_named(rule, *table, index, "ends in a generated hash"));
        else if (!std::regex_match(index.name, compiled))
          findings.push_back(badly_named(rule, *table, index, "does not match the pattern " + *pattern));
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

// A trailing "_" and 10 lower-case hex digits with at least one digit and
// one letter: Rails' hash, not a word such as "_processing".
bool has_hash_suffix(const std::string& name) {
  static const std::regex k_hash("_[0-9a-f]{10}$");
  static const std::regex k_digit("[0-9]");
  static const std::regex k_letter("[a-f]");
  std::smatch found;
  if (!std::regex_search(name, found, k_hash)) return false;
  const std::string suffix = found.str();
  return std::regex_search(suffix, k_digit) && std::regex_search(suffix, k_letter);
}

const CheckKind& index_names_kind() {
  static const IndexNames kind;
  return kind;
}

}  // namespace plumb
