#include <catch2/catch.hpp>

#include "rules/uniqueness_match.hpp"

using namespace plumb;

namespace {

// An index from its key texts; "lower(...)" and other calls are expressions.
Index index_on(std::vector<std::string> keys) {
  Index index;
  index.name = "i";
  index.unique = true;
  index.method = "btree";
  for (auto& key : keys) index.keys.push_back({key, key.find('(') != std::string::npos});
  return index;
}

UniquenessRule rule_on(std::vector<std::string> columns) {
  UniquenessRule rule;
  rule.columns = std::move(columns);
  return rule;
}

// Columns a..d, email and the polymorphic pair; `not_null` ones are NOT NULL.
Table table_with(std::vector<std::string> not_null = {}) {
  Table table{"public", "t", {}, {}, {}};
  for (const char* name : {"a", "b", "c", "d", "email", "invitation_type", "invitation_id", "member_id"}) {
    const bool required = std::find(not_null.begin(), not_null.end(), name) != not_null.end();
    table.columns.push_back({name, "text", required, std::nullopt});
  }
  return table;
}

}  // namespace

TEST_CASE("an index key maps to a column or to lower of a column", "[rules]") {
  CHECK(key_term({"email", false})->column == "email");
  CHECK_FALSE(key_term({"email", false})->lowered);
  CHECK(key_term({"lower((email)::text)", true})->column == "email");
  CHECK(key_term({"lower((email)::text)", true})->lowered);
  CHECK(key_term({"lower(email)", true})->lowered);
  CHECK(key_term({"lower(email::text)", true})->column == "email");
  CHECK(key_term({"lower(\"Email\")", true})->column == "Email");
  CHECK_FALSE(key_term({"upper((email)::text)", true}).has_value());
  CHECK_FALSE(key_term({"lower((a || b))", true}).has_value());
}

struct Case {
  const char* name;
  Index index;
  UniquenessRule rule;
  bool enforces;
  bool stricter;
};

TEST_CASE("unique index verdicts against a model rule", "[rules]") {
  auto partial = [](std::vector<std::string> keys, std::string predicate) {
    Index index = index_on(std::move(keys));
    index.predicate = std::move(predicate);
    return index;
  };
  auto conditional = [](std::vector<std::string> columns, std::string condition) {
    UniquenessRule rule = rule_on(std::move(columns));
    rule.condition = std::move(condition);
    return rule;
  };
  auto insensitive = [](std::vector<std::string> columns) {
    UniquenessRule rule = rule_on(columns);
    rule.case_insensitive = columns;
    return rule;
  };
  auto invalid = [](Index index) { index.valid = false; return index; };
  auto not_ready = [](Index index) { index.valid = false; index.ready = false; return index; };
  auto nulls_equal = [](Index index) { index.nulls_not_distinct = true; return index; };
  auto nulls_rule = [](UniquenessRule rule) { rule.nulls = NullSemantics::not_distinct; return rule; };
  auto plain = [](Index index) { index.unique = false; return index; };

  const std::vector<Case> cases = {
      {"same columns", index_on({"a", "b"}), rule_on({"a", "b"}), true, false},
      {"same columns in another order", index_on({"b", "a"}), rule_on({"a", "b"}), true, false},
      {"a subset of the rule's columns", index_on({"b"}), rule_on({"a", "b"}), true, true},
      {"a superset of the rule's columns", index_on({"a", "b", "c"}), rule_on({"a", "b"}), false, false},
      {"a different column", index_on({"c"}), rule_on({"a", "b"}), false, true},
      {"not unique", plain(index_on({"a"})), rule_on({"a"}), false, false},
      {"the incident's index against the per-batch rule", index_on({"invitation_type", "invitation_id"}),
       rule_on({"a", "member_id", "invitation_type", "invitation_id"}), true, true},
      {"the incident's index against the incident-era rule", index_on({"invitation_type", "invitation_id"}),
       rule_on({"member_id", "invitation_type", "invitation_id"}), true, true},
      {"only the id of a polymorphic pair", index_on({"invitation_id"}),
       rule_on({"invitation_type", "invitation_id"}), true, true},
      {"both halves of a polymorphic pair", index_on({"invitation_id", "invitation_type"}),
       rule_on({"invitation_type", "invitation_id"}), true, false},
      {"partial index with the rule's condition", partial({"a"}, "b IS NULL"), conditional({"a"}, "b IS NULL"), true, false},
      {"partial index with another condition", partial({"a"}, "b IS NULL"), conditional({"a"}, "c IS NULL"), false, true},
      {"partial index for an unconditional rule", partial({"a"}, "b IS NULL"), rule_on({"a"}), false, false},
      {"full index for a conditional rule", index_on({"a"}), conditional({"a"}, "b IS NULL"), true, true},
      {"lower() index for a case-insensitive rule", index_on({"lower((email)::text)"}), insensitive({"email"}), true, false},
      {"plain index for a case-insensitive rule", index_on({"email"}), insensitive({"email"}), false, false},
      {"lower() index for a case-sensitive rule", index_on({"lower((email)::text)"}), rule_on({"email"}), true, true},
      {"an expression plumb cannot read", index_on({"upper((email)::text)"}), rule_on({"email"}), false, true},
      {"NULLS NOT DISTINCT for a rule letting NULLs repeat", nulls_equal(index_on({"a"})), rule_on({"a"}), true, true},
      {"NULLS NOT DISTINCT for a rule counting NULLs equal", nulls_equal(index_on({"a"})), nulls_rule(rule_on({"a"})), true, false},
      {"NULLs distinct for a rule counting NULLs equal", index_on({"a"}), nulls_rule(rule_on({"a"})), false, false},
      {"INVALID but ready", invalid(index_on({"a"})), rule_on({"a", "b"}), false, true},
      {"INVALID and not ready", not_ready(index_on({"a"})), rule_on({"a", "b"}), false, false},
  };
  const Table table = table_with();
  for (const auto& each : cases) {
    SECTION(each.name) {
      CHECK(enforces(each.index, each.rule, table) == each.enforces);
      CHECK(stricter_than(each.index, each.rule, table).has_value() == each.stricter);
    }
  }
}

TEST_CASE("a NOT NULL column makes NULL semantics irrelevant", "[rules]") {
  Index index = index_on({"a"});
  UniquenessRule rule = rule_on({"a"});
  rule.nulls = NullSemantics::not_distinct;
  CHECK(enforces(index, rule, table_with({"a"})));
  index.nulls_not_distinct = true;
  CHECK_FALSE(stricter_than(index, rule_on({"a"}), table_with({"a"})).has_value());
}

TEST_CASE("the strictness names the column two accepted rows differ in", "[rules]") {
  const auto missing = stricter_than(index_on({"invitation_type", "invitation_id"}),
                                     rule_on({"member_id", "invitation_type", "invitation_id"}), table_with());
  REQUIRE(missing);
  CHECK(missing->kind == Strictness::Kind::missing_column);
  CHECK(missing->column == "member_id");
  CHECK(missing->explanation == "the rule allows two rows that differ only in member_id, which the index does not contain");

  const auto folded = stricter_than(index_on({"lower((email)::text)"}), rule_on({"email"}), table_with());
  REQUIRE(folded);
  CHECK(folded->kind == Strictness::Kind::case_folded);
  CHECK(folded->explanation == "the index compares lower(email), the rule compares email exactly");
}
