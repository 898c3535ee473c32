#include "support/schema_rule.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "rules/rule_loader.hpp"
#include "rules/schema_check_kinds.hpp"

namespace plumb::testing {

Index plain_index(const std::string& name, const std::vector<std::string>& columns, bool unique) {
  Index index;
  index.name = name;
  for (const auto& column : columns) index.keys.push_back(IndexKey{column, false});
  index.unique = unique;
  index.method = "btree";
  return index;
}

SchemaSnapshot table_t(const std::vector<std::string>& columns, std::vector<Index> indexes) {
  Table table;
  table.schema = "public";
  table.name = "t";
  for (const auto& column : columns) table.columns.push_back(Column{column, "integer", false, std::nullopt});
  std::sort(indexes.begin(), indexes.end(), [](const Index& a, const Index& b) { return a.name < b.name; });
  table.indexes = std::move(indexes);
  return SchemaSnapshot{{table}};
}

SchemaSnapshot indexed_table() {
  Index primary = plain_index("t_pkey", {"id"}, true);
  primary.primary = true;
  primary.constraint = "t_pkey";
  SchemaSnapshot schema = table_t({"id", "a", "b"}, {plain_index("t_a", {"a"}), plain_index("t_a_b", {"a", "b"}),
                                                     plain_index("t_b_again", {"b"}), plain_index("t_b", {"b"}, true),
                                                     plain_index("idx_on_a_b_6d6ef495e6", {"b", "a"}), primary});
  schema.tables[0].constraints.push_back(Constraint{"t_pkey", ConstraintType::primary_key, {"id"}, "t_pkey", "", {}, "PRIMARY KEY (id)"});
  return schema;
}

Objects objects_found(const SchemaSnapshot& schema, const std::string& rule) {
  RuleSet rules;
  load_rules_text("rules.yml", "rules:\n  - id: r\n" + rule, rules);
  REQUIRE(rules.rules.size() == 1);
  const auto* kind = dynamic_cast<const SchemaCheckKind*>(find_check_kind(rules.rules[0].check));
  REQUIRE(kind != nullptr);
  Objects objects;
  for (const auto& finding : kind->judge(rules.rules[0], schema, rules.models))
    objects.push_back(finding.object + ": " + finding.message);
  return objects;
}

}  // namespace plumb::testing
