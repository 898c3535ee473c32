#include <catch2/catch.hpp>

#include "schema/uniqueness_match.hpp"

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

// A rule with SQL's own NULL semantics (nulls: distinct), as most cases
// below compare; the NULL cases set it themselves.
UniquenessRule rule_on(std::vector<std::string> columns) {
  UniquenessRule rule;
  rule.columns = std::move(columns);
  rule.nulls = NullSemantics::distinct;
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

namespace {

// The reference schema's invitation_logs, as the catalog prints its
// one-running-batch index.
Table invitation_logs() {
  Table table{"public", "invitation_logs", {}, {}, {}};
  table.columns = {{"id", "bigint", true, std::nullopt},
                   {"loggable_type", "character varying", false, std::nullopt},
                   {"loggable_id", "bigint", false, std::nullopt},
                   {"audience", "character varying", true, std::nullopt},
                   {"action", "character varying", true, std::nullopt},
                   {"status", "character varying", true, std::nullopt}};
  return table;
}

Index one_running_batch() {
  Index index = index_on({"loggable_type", "loggable_id", "audience", "action", "status"});
  index.predicate = "((status)::text = 'running'::text)";
  return index;
}

UniquenessRule running_rule(std::string condition) {
  UniquenessRule rule = rule_on({"loggable_type", "loggable_id", "audience", "action"});
  rule.condition = std::move(condition);
  return rule;
}

// Columns of several types for expression keys.
Table typed_table() {
  Table table{"public", "t", {}, {}, {}};
  table.columns = {{"a", "integer", false, std::nullopt}, {"b", "integer", false, std::nullopt},
                   {"email", "character varying", false, std::nullopt}, {"j", "jsonb", false, std::nullopt},
                   {"n", "numeric(10,2)", false, std::nullopt}, {"u", "citext", false, std::nullopt}};
  return table;
}

}  // namespace

TEST_CASE("a predicate that fixes a key column: the one-running-batch index backs and enforces its rule", "[rules]") {
  const Table table = invitation_logs();
  for (const char* condition : {"status = 'running'", "'running' = status", "status IN ('running')"}) {
    INFO(condition);
    CHECK_FALSE(stricter_than(one_running_batch(), running_rule(condition), table).has_value());
    CHECK(enforces(one_running_batch(), running_rule(condition), table));
  }
}

TEST_CASE("a predicate fixing another value is certainly wider, and the rule is not enforced", "[rules]") {
  const auto gap = stricter_than(one_running_batch(), running_rule("status = 'failed'"), invitation_logs());
  REQUIRE(gap);
  CHECK(gap->kind == Strictness::Kind::wider_predicate);
  CHECK(gap->certain());
  CHECK(gap->column == "status");
  CHECK_FALSE(enforces(one_running_batch(), running_rule("status = 'failed'"), invitation_logs()));
}

TEST_CASE("predicates that are not plain facts are undecided without a prover", "[rules]") {
  Index index = index_on({"a"});
  index.predicate = "(b > 0)";
  UniquenessRule rule = rule_on({"a"});
  rule.condition = "b >= 1";
  const auto gap = stricter_than(index, rule, typed_table());
  REQUIRE(gap);
  CHECK(gap->kind == Strictness::Kind::unproven_predicate);
  CHECK_FALSE(gap->certain());
  CHECK(gap->explanation == "PostgreSQL could not prove that every row the index covers ((b > 0)) meets the rule's condition (b >= 1)");
}

namespace {

// Proves exactly the pairs it is given, as the server would.
class Given : public Implications {
 public:
  explicit Given(std::vector<std::pair<std::string, std::string>> proofs) : m_proofs(std::move(proofs)) {}

 protected:
  bool prove(const Table&, const std::string& premise, const std::string& conclusion) const override {
    return std::find(m_proofs.begin(), m_proofs.end(), std::make_pair(premise, conclusion)) != m_proofs.end();
  }

 private:
  std::vector<std::pair<std::string, std::string>> m_proofs;
};

}  // namespace

TEST_CASE("what the prover proves decides a predicate both ways", "[rules]") {
  Index index = index_on({"a"});
  index.predicate = "(b > 0)";
  UniquenessRule rule = rule_on({"a"});
  rule.condition = "b >= 1";
  using Proofs = std::vector<std::pair<std::string, std::string>>;
  const Given both(Proofs{{"(b > 0)", "b >= 1"}, {"b >= 1", "(b > 0)"}});
  CHECK_FALSE(stricter_than(index, rule, typed_table(), both).has_value());
  CHECK(enforces(index, rule, typed_table(), both));
  const Given one_way(Proofs{{"b >= 1", "(b > 0)"}});
  CHECK(stricter_than(index, rule, typed_table(), one_way).has_value());
  CHECK(enforces(index, rule, typed_table(), one_way));
}

TEST_CASE("expression keys: casts that keep equality, coalesce as NULL-as-a-value, and what plumb does not understand", "[rules]") {
  const Table table = typed_table();
  SECTION("an integer cast to text compares the integer") {
    CHECK_FALSE(stricter_than(index_on({"a", "(b)::text"}), rule_on({"a", "b"}), table).has_value());
    CHECK(enforces(index_on({"a", "(b)::text"}), rule_on({"a", "b"}), table));
  }
  SECTION("a numeric cast to text is not understood: 1.0 and 1.00 are one number, two texts") {
    const auto gap = stricter_than(index_on({"a", "(n)::text"}), rule_on({"a", "n"}), table);
    REQUIRE(gap);
    CHECK(gap->kind == Strictness::Kind::not_understood);
    CHECK(enforcement(index_on({"a", "(n)::text"}), rule_on({"a", "n"}), table).verdict == Enforcement::Verdict::undecided);
  }
  SECTION("coalesce(b, 0) makes a NULL b collide with 0") {
    const auto gap = stricter_than(index_on({"a", "COALESCE(b, 0)"}), rule_on({"a", "b"}), table);
    REQUIRE(gap);
    CHECK(gap->kind == Strictness::Kind::null_as_value);
    CHECK(gap->certain());
    UniquenessRule nulls_equal = rule_on({"a", "b"});
    nulls_equal.nulls = NullSemantics::not_distinct;
    nulls_equal.skip_when_null = {"a"};  // a NULL a is skipped; a NULL b is a value, as coalesce makes it
    CHECK(enforces(index_on({"a", "COALESCE(b, 0)"}), nulls_equal, table));
  }
  SECTION("a key plumb does not understand only narrows the index when the rule's columns are all keys") {
    CHECK_FALSE(stricter_than(index_on({"a", "(j ->> 'k'::text)"}), rule_on({"a"}), table).has_value());
    const auto gap = stricter_than(index_on({"a", "(j ->> 'k'::text)"}), rule_on({"a", "j"}), table);
    REQUIRE(gap);
    CHECK(gap->kind == Strictness::Kind::not_understood);
    CHECK(gap->explanation == "plumb does not understand the index key (j ->> 'k'::text), which holds the rule's column j");
  }
  SECTION("upper() is not lower(): not understood rather than guessed") {
    UniquenessRule rule = rule_on({"email"});
    rule.case_insensitive = {"email"};
    const auto gap = stricter_than(index_on({"upper((email)::text)"}), rule, table);
    REQUIRE(gap);
    CHECK(gap->kind == Strictness::Kind::not_understood);
  }
  SECTION("a pattern_ops operator class compares like the default, another class is not understood") {
    Index index = index_on({"email"});
    index.opclasses = {"varchar_pattern_ops"};
    CHECK(enforces(index, rule_on({"email"}), table));
    index.opclasses = {"my_ops"};
    CHECK(enforcement(index, rule_on({"email"}), table).verdict == Enforcement::Verdict::undecided);
  }
}

TEST_CASE("Rails' NULL semantics: allow_nil skips the attribute, NULLs in scope columns are values", "[rules]") {
  const Table table = typed_table();
  UniquenessRule rails = rule_on({"a", "b"});
  rails.nulls = NullSemantics::not_distinct;
  rails.skip_when_null = {"a"};
  SECTION("a plain index lets two rows with NULL b in: the rule is not enforced") {
    const auto verdict = enforcement(index_on({"a", "b"}), rails, table);
    CHECK(verdict.verdict == Enforcement::Verdict::not_enforced);
    CHECK(verdict.reason == "it lets two rows with NULL in b in, which the rule rejects");
  }
  SECTION("NULLS NOT DISTINCT enforces it, and is stricter where the rule skips a NULL a") {
    Index index = index_on({"a", "b"});
    index.nulls_not_distinct = true;
    CHECK(enforces(index, rails, table));
    const auto gap = stricter_than(index, rails, table);
    REQUIRE(gap);
    CHECK(gap->kind == Strictness::Kind::nulls_equal);
    CHECK(gap->column == "a");
  }
  SECTION("NULLS NOT DISTINCT limited to rows with a set rejects exactly what the rule does") {
    Index index = index_on({"a", "b"});
    index.nulls_not_distinct = true;
    index.predicate = "(a IS NOT NULL)";
    CHECK_FALSE(stricter_than(index, rails, table).has_value());
    CHECK(enforces(index, rails, table));
  }
}

TEST_CASE("value lists decide without a prover: IN against OR, and a list wider than the rule's", "[rules]") {
  Index index = index_on({"loggable_id"});
  index.predicate = "((status)::text = ANY ((ARRAY['running'::character varying, 'queued'::character varying])::text[]))";
  UniquenessRule rule = rule_on({"loggable_id"});
  rule.condition = "status = 'queued' OR status = 'running'";
  CHECK_FALSE(stricter_than(index, rule, invitation_logs()).has_value());
  CHECK(enforces(index, rule, invitation_logs()));
  rule.condition = "status = 'running'";
  const auto gap = stricter_than(index, rule, invitation_logs());
  REQUIRE(gap);
  CHECK(gap->kind == Strictness::Kind::wider_predicate);
  CHECK(gap->column == "status");
  CHECK(enforces(index, rule, invitation_logs()));
}
