#include <catch2/catch.hpp>

#include "rules/check_runner.hpp"
#include "rules/rule_loader.hpp"
#include "support/reference_schema.hpp"
#include "support/test_database.hpp"
#include "util/text.hpp"

#include <algorithm>

using namespace plumb;
using plumb::testing::TestDatabase;

namespace {

const char* const k_table =
    "CREATE TABLE t (id bigserial PRIMARY KEY, a int, b int, c int, email varchar, deleted_at timestamp,"
    " item_type varchar, item_id bigint, status varchar, deleted boolean, j jsonb);";

struct Checked {
  RuleSet rules;
  std::vector<Finding> findings;
};

// The findings of unique_indexes_match_model for `models` on `database`.
Checked check_models(const TestDatabase& database, const std::string& models) {
  Checked checked;
  load_rules_text("models.yml", models, checked.rules);
  auto connection = database.connect();
  const CheckReport report = run_checks(*connection, checked.rules, CheckOptions{});
  REQUIRE(report.results.size() == 1);
  INFO(report.results[0].error);
  REQUIRE((report.results[0].status == RuleStatus::passed || report.results[0].status == RuleStatus::failed));
  checked.findings = report.results[0].findings;
  return checked;
}

std::vector<Finding> findings_in(const TestDatabase& database, const std::string& models) {
  return check_models(database, models).findings;
}

std::string model_of(const std::string& table, const std::string& unique) {
  return "models:\n  T:\n    table: " + table + "\n    unique:\n" + unique;
}

// What kind of verdict a finding is, read off its stable key.
std::string verdict_of(const Finding& finding) {
  for (const char* suffix : {"undeclared", "undecided", "invalid", "model", "table"})
    if (ends_with(finding.key, std::string(":") + suffix)) return suffix;
  return starts_with(finding.object, "model ") ? "unenforced" : "stricter";
}

std::vector<std::string> verdicts(const std::vector<Finding>& findings) {
  std::vector<std::string> all;
  for (const auto& finding : findings) all.push_back(verdict_of(finding) + " " + finding.object);
  std::sort(all.begin(), all.end());
  return all;
}

std::string literal(const std::optional<std::string>& value) { return value ? *value : "NULL"; }

std::string values_row(const std::vector<std::optional<std::string>>& row) {
  std::vector<std::string> values;
  for (const auto& value : row) values.push_back(literal(value));
  return "(" + join(values, ", ") + ")";
}

// Pairs of rows `rule` rejects among the rows of `relation`, counted the way
// the rule compares: its condition, its skipped columns, NULLs as its
// `nulls` says, case-insensitive columns lowered.
long rejected_pairs(pqxx::work& work, const std::string& relation, const UniquenessRule& rule) {
  std::vector<std::string> where = {"true"}, keys;
  if (rule.condition) where.push_back("(" + *rule.condition + ")");
  auto quoted = [](const std::string& column) { return "\"" + column + "\""; };
  for (const auto& column : rule.skip_when_null) where.push_back(quoted(column) + " IS NOT NULL");
  for (const auto& column : rule.skip_when_blank) where.push_back(quoted(column) + " IS NOT NULL");
  for (const auto& column : rule.columns) {
    const bool lowered = std::count(rule.case_insensitive.begin(), rule.case_insensitive.end(), column) > 0;
    keys.push_back(lowered ? "lower(" + quoted(column) + ")" : quoted(column));
    if (rule.nulls == NullSemantics::distinct) where.push_back(quoted(column) + " IS NOT NULL");
  }
  return work.exec1("SELECT count(*) FROM (SELECT FROM " + relation + " WHERE " + join(where, " AND ") + " GROUP BY " +
                    join(keys, ", ") + " HAVING count(*) > 1) g")[0]
      .as<long>();
}

// Proves a stricter finding's example rows: every rule of the model accepts
// the pair (in a copy of the table without its indexes), and the table
// itself rejects the second row with a unique violation.
void prove_example_rows(const TestDatabase& database, const Model& model, const Finding& finding) {
  INFO(finding.message);
  const SampleRows& rows = finding.samples;
  REQUIRE(rows.rows.size() == 2);
  const std::string table = "\"" + model.schema + "\".\"" + model.table + "\"";
  std::vector<std::string> quoted;
  for (const auto& column : rows.columns) quoted.push_back("\"" + column + "\"");
  const std::string columns = "(" + join(quoted, ", ") + ")";
  auto connection = database.connect();
  pqxx::work work(*connection);
  work.exec("SET CONSTRAINTS ALL IMMEDIATE");
  work.exec("CREATE TEMP TABLE pair (LIKE " + table + " INCLUDING DEFAULTS)");
  work.exec("INSERT INTO pair " + columns + " VALUES " + values_row(rows.rows[0]) + ", " + values_row(rows.rows[1]));
  for (const auto& rule : model.unique) CHECK(rejected_pairs(work, "pair", rule) == 0);
  work.exec("INSERT INTO " + table + " " + columns + " VALUES " + values_row(rows.rows[0]));
  CHECK_THROWS_AS(work.exec("INSERT INTO " + table + " " + columns + " VALUES " + values_row(rows.rows[1])),
                  pqxx::unique_violation);
}

struct Variant {
  const char* name;
  std::string schema;                  // run after k_table
  std::string unique;                  // the model's `unique:` list
  std::vector<std::string> expected;   // "verdict object", sorted
  std::string table = "t";             // the model's table
};

const std::string k_distinct = "        nulls: distinct\n";

std::string rule(const std::string& columns, const std::string& more = k_distinct) {
  return "      - columns: [" + columns + "]\n" + more;
}

std::string where(const std::string& condition) { return k_distinct + "        where: \"" + condition + "\"\n"; }

}  // namespace

TEST_CASE("unique index variants against model rules: verdicts, and example rows proven by inserting them", "[db][rules]") {
  const std::string ab = rule("a, b"), a = rule("a");
  const std::string stricter = "stricter index public.t.", unenforced = "unenforced model T (public.t)";
  const std::vector<Variant> variants = {
      {"the same columns", "CREATE UNIQUE INDEX t_a_b ON t (a, b);", ab, {}},
      {"key order does not matter", "CREATE UNIQUE INDEX t_b_a ON t (b, a);", ab, {}},
      {"other columns: stricter, and the rule unenforced", "CREATE UNIQUE INDEX t_b_c ON t (b, c);", ab,
       {stricter + "t_b_c", unenforced}},
      {"a subset of the rule's columns enforces it but is stricter", "CREATE UNIQUE INDEX t_a ON t (a);", ab, {stricter + "t_a"}},
      {"a subset that a second rule allows", "CREATE UNIQUE INDEX t_a ON t (a);", ab + a, {}},
      {"a superset does not enforce the rule", "CREATE UNIQUE INDEX t_a_b_c ON t (a, b, c);", ab, {unenforced}},
      {"INCLUDE columns are not keys", "CREATE UNIQUE INDEX t_a_inc ON t (a) INCLUDE (b);", ab, {stricter + "t_a_inc"}},
      {"INCLUDE columns do not make an index wider", "CREATE UNIQUE INDEX t_a_inc ON t (a) INCLUDE (b);", a, {}},
      {"a primary key enforces the rule on its columns", "DROP TABLE t; CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));",
       ab, {}},
      {"a primary key on other columns does not enforce the rule", "", a, {unenforced}},
      {"a unique index containing the primary key is backed by it",
       "CREATE UNIQUE INDEX t_id_a ON t (id, a); CREATE UNIQUE INDEX t_a_b ON t (a, b);", ab, {}},
      {"a UNIQUE constraint enforces the rule", "ALTER TABLE t ADD CONSTRAINT t_a_b_key UNIQUE (a, b);", ab, {}},
      {"a UNIQUE constraint on fewer columns is stricter", "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);", ab,
       {stricter + "t_a_key"}},
      {"a DEFERRABLE constraint still enforces at commit",
       "ALTER TABLE t ADD CONSTRAINT t_a_b_key UNIQUE (a, b) DEFERRABLE INITIALLY DEFERRED;", ab, {}},
      {"a DEFERRABLE constraint on fewer columns is still stricter",
       "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE INITIALLY DEFERRED;", ab, {stricter + "t_a_key"}},
      {"a partial index and the same condition written differently",
       "CREATE UNIQUE INDEX t_a_live ON t (a) WHERE deleted_at IS NULL;", rule("a", where("(deleted_at is null)")), {}},
      {"a varchar condition against the catalog's cast form",
       "CREATE UNIQUE INDEX t_a_workshop ON t (a) WHERE item_type = 'Workshop';",
       rule("a", where("item_type = 'Workshop'")), {}},
      {"'running' = status against status = 'running'", "CREATE UNIQUE INDEX t_a_run ON t (a) WHERE status = 'running';",
       rule("a", where("'running' = status")), {}},
      {"IN against OR, proved by the server", "CREATE UNIQUE INDEX t_a_in ON t (a) WHERE status IN ('a', 'b');",
       rule("a", where("status = 'a' OR status = 'b'")), {}},
      {"IS NOT TRUE against IS DISTINCT FROM true, through the rewrite list",
       "CREATE UNIQUE INDEX t_a_kept ON t (a) WHERE deleted IS NOT TRUE;",
       rule("a", where("deleted IS DISTINCT FROM true")), {}},
      {"an index on more values than the rule's: stricter, with rows the index covers and the rule leaves out",
       "CREATE UNIQUE INDEX t_a_in ON t (a) WHERE status IN ('running', 'queued');", rule("a", where("status = 'running'")),
       {stricter + "t_a_in"}},
      {"a partial index does not enforce an unconditional rule",
       "CREATE UNIQUE INDEX t_a_live ON t (a) WHERE deleted_at IS NULL;", a, {unenforced}},
      {"a full index is stricter than a conditional rule", "CREATE UNIQUE INDEX t_a ON t (a);",
       rule("a", where("deleted_at IS NULL")), {stricter + "t_a"}},
      {"a predicate fixing another value is stricter and does not enforce",
       "CREATE UNIQUE INDEX t_a_run ON t (a) WHERE status = 'running';", rule("a", where("status = 'failed'")),
       {stricter + "t_a_run", unenforced}},
      {"a predicate implied by the rule's one way: backed but not enforcing",
       "CREATE UNIQUE INDEX t_a_c ON t (a) WHERE c > 5;", rule("a", where("c > 1")), {unenforced}},
      {"the other way: enforced, and plumb cannot prove the index stays inside the rule",
       "CREATE UNIQUE INDEX t_a_c ON t (a) WHERE c > 1;", rule("a", where("c > 5")), {"undecided index public.t.t_a_c"}},
      {"unrelated predicates: undecided, and the rule unenforced", "CREATE UNIQUE INDEX t_a_c ON t (a) WHERE c > 0;",
       rule("a", where("deleted_at IS NULL")), {"undecided index public.t.t_a_c", unenforced}},
      {"a predicate that fixes a key column (the one-running-batch index)",
       "CREATE UNIQUE INDEX t_a_b_run ON t (a, b, status) WHERE status = 'running';",
       rule("a, b", where("status = 'running'")), {}},
      {"lower() enforces a case-insensitive rule", "CREATE UNIQUE INDEX t_email ON t (lower(email));",
       rule("email", k_distinct + "        case_insensitive: [email]\n"), {}},
      {"a plain index does not enforce a case-insensitive rule", "CREATE UNIQUE INDEX t_email ON t (email);",
       rule("email", k_distinct + "        case_insensitive: [email]\n"), {unenforced}},
      {"lower() is stricter than a case-sensitive rule", "CREATE UNIQUE INDEX t_email ON t (lower(email));", rule("email"),
       {stricter + "t_email"}},
      {"a pattern_ops operator class compares as the default", "CREATE UNIQUE INDEX t_email ON t (email varchar_pattern_ops);",
       rule("email"), {}},
      {"NULLS NOT DISTINCT enforces a rule counting NULLs equal", "CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;",
       rule("a", "        nulls: not_distinct\n"), {}},
      {"NULLs are distinct in a default unique index: Rails' rule is unenforced", "CREATE UNIQUE INDEX t_a ON t (a);",
       rule("a", ""), {unenforced}},
      {"NULLS NOT DISTINCT is stricter than a rule letting NULLs repeat",
       "CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;", a, {stricter + "t_a"}},
      {"Rails' allow_nil with a NULL-as-value scope, mirrored exactly",
       "CREATE UNIQUE INDEX t_a_b ON t (a, b) NULLS NOT DISTINCT WHERE a IS NOT NULL;",
       rule("a, b", "        skip_when_null: [a]\n"), {}},
      {"Rails' scope NULLs slip through a default index", "CREATE UNIQUE INDEX t_a_b ON t (a, b);",
       rule("a, b", "        skip_when_null: [a]\n"), {unenforced}},
      {"a cast that keeps equality", "CREATE UNIQUE INDEX t_a_b ON t (a, (b::text));", ab, {}},
      {"coalesce makes NULL collide with its constant", "CREATE UNIQUE INDEX t_a_b ON t (a, coalesce(b, 0));", ab,
       {stricter + "t_a_b"}},
      {"an expression plumb does not understand only narrows an index on the rule's columns",
       "CREATE UNIQUE INDEX t_a_j ON t (a, (j->>'k'));", a, {"undecided model T (public.t)"}},
      {"upper() is not understood, and said so", "CREATE UNIQUE INDEX t_email ON t (upper(email));",
       rule("email", k_distinct + "        case_insensitive: [email]\n"),
       {"undecided index public.t.t_email", "undecided model T (public.t)"}},
      {"an INVALID index enforces nothing and is reported",
       "CREATE UNIQUE INDEX t_a_b ON t (a, b); UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_a_b'::regclass;",
       ab, {"invalid index public.t.t_a_b", unenforced}},
      {"an index not ready rejects nothing",
       "CREATE UNIQUE INDEX t_a ON t (a); UPDATE pg_index SET indisvalid = false, indisready = false "
       "WHERE indexrelid = 't_a'::regclass;",
       ab, {"invalid index public.t.t_a", unenforced}},
      {"an index in another schema does not count for the model's table",
       "CREATE UNIQUE INDEX t_a_b ON t (a, b); CREATE SCHEMA other; CREATE TABLE other.t (a int, b int);"
       " CREATE UNIQUE INDEX t_a ON other.t (a);",
       ab, {}},
      {"the model of the table in the other schema sees that schema's index",
       "CREATE UNIQUE INDEX t_a_b ON t (a, b); CREATE SCHEMA other; CREATE TABLE other.t (id serial PRIMARY KEY, a int, b int);"
       " CREATE UNIQUE INDEX t_a ON other.t (a);",
       ab, {"stricter index other.t.t_a"}, "other.t"},
      {"quoted identifiers", "CREATE TABLE \"Weird\" (id serial PRIMARY KEY, \"Org\" int, \"Email\" varchar);"
       " CREATE UNIQUE INDEX \"Weird_org\" ON \"Weird\" (\"Org\");",
       rule("Org, Email"), {"stricter index public.Weird.Weird_org"}, "Weird"},
      {"reserved words as column names (order, user, group) are quoted wherever plumb writes SQL",
       "CREATE TABLE kw (id serial PRIMARY KEY, \"order\" int, \"user\" int, \"group\" int, status text);"
       " CREATE UNIQUE INDEX kw_user_order ON kw (\"user\", \"order\") WHERE status = 'a';",
       rule("user, group", where("status = 'a'")), {"stricter index public.kw.kw_user_order", "unenforced model T (public.kw)"},
       "kw"},
      {"a CHECK limiting a column the example rows hold: they take a value it allows",
       "ALTER TABLE t ADD CONSTRAINT t_status CHECK (status IN ('queued', 'running'));"
       " CREATE UNIQUE INDEX t_a_b ON t (a, b); CREATE UNIQUE INDEX t_a_status ON t (a, status);",
       ab, {"stricter index public.t.t_a_status"}},
      {"a unique index no rule mentions is undeclared", "CREATE UNIQUE INDEX t_email ON t (email); "
       "CREATE UNIQUE INDEX t_a_b ON t (a, b);", ab, {"undeclared index public.t.t_email"}},
      {"a model column that does not exist", "CREATE UNIQUE INDEX t_a ON t (a);", rule("zzz"), {"model model T (public.t)"}},
      {"a model table that does not exist", "", a, {"table table public.nope"}, "nope"},
      {"a where the server refuses names the model", "CREATE UNIQUE INDEX t_a ON t (a);", rule("a", where("status = 1")),
       {"model model T (public.t)"}},
  };
  REQUIRE(variants.size() >= 40);
  for (const auto& variant : variants) {
    SECTION(variant.name) {
      TestDatabase database;
      database.execute(std::string(k_table) + variant.schema);
      const auto checked = check_models(database, model_of(variant.table, variant.unique));
      CHECK(verdicts(checked.findings) == variant.expected);
      for (const auto& finding : checked.findings)
        if (verdict_of(finding) == "stricter") {
          // Drops the index (or its constraint) only after the model's own is in place.
          CHECK((finding.fix.find("DROP INDEX") != std::string::npos || finding.fix.find("DROP CONSTRAINT") != std::string::npos));
          CHECK_FALSE(finding.samples.rows.empty());
          if (!finding.samples.rows.empty()) prove_example_rows(database, checked.rules.models[0], finding);
        }
    }
  }
}

TEST_CASE("example rows are left out when a CHECK plumb cannot read limits their columns", "[db][rules]") {
  TestDatabase database;
  database.execute(std::string(k_table) +
                   "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0 OR a < -10);"
                   " CREATE UNIQUE INDEX t_a_b ON t (a, b); CREATE UNIQUE INDEX t_a ON t (a);");
  const auto findings = findings_in(database, "models:\n  T:\n    table: t\n    unique:\n      - columns: [a, b]\n"
                                              "        nulls: distinct\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].object == "index public.t.t_a");
  // The verdict stands; only rows plumb cannot be sure a real insert keeps are not shown.
  CHECK(findings[0].samples.rows.empty());
}

TEST_CASE("the incident's index is stricter than the per-batch model and the finding says how to fix it", "[db][rules]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto findings = findings_in(database,
                                    "models:\n  InvitationLogEntry:\n    table: invitation_log_entries\n    unique:\n"
                                    "      - columns: [invitation_log_id, member_id, invitation_type, invitation_id]\n"
                                    "        nulls: distinct\n");
  REQUIRE(findings.size() == 1);
  const Finding& finding = findings[0];
  CHECK(finding.severity == Severity::error);
  CHECK(finding.object == "index public.invitation_log_entries.idx_on_invitation_type_invitation_id_6d6ef495e6");
  CHECK(finding.message ==
        "unique index idx_on_invitation_type_invitation_id_6d6ef495e6 (invitation_type, invitation_id) is stricter than "
        "every uniqueness rule of model InvitationLogEntry; closest: unique (invitation_log_id, member_id, invitation_type, "
        "invitation_id): the rule allows two rows that differ only in invitation_log_id, which the index does not contain");
  CHECK(finding.why.find("RecordNotUnique") != std::string::npos);
  CHECK(finding.fix ==
        "-- a migration (plumb:no-transaction) that builds the index the model states, online, then drops this one\n"
        "CREATE UNIQUE INDEX CONCURRENTLY uniq_invitation_log_entries_model ON public.invitation_log_entries "
        "(invitation_log_id, member_id, invitation_type, invitation_id);\n"
        "DROP INDEX CONCURRENTLY public.idx_on_invitation_type_invitation_id_6d6ef495e6;");
  CHECK(finding.samples.columns == std::vector<std::string>{"invitation_log_id", "member_id", "invitation_type", "invitation_id"});
  using Row = std::vector<std::optional<std::string>>;
  CHECK(finding.samples.rows == std::vector<Row>{Row{"1", "1", "'a'", "1"}, Row{"2", "1", "'a'", "1"}});
}

TEST_CASE("after the batch-scoped index replaces the global one the model is met", "[db][rules]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  // Migration 2's swap, by hand until it is on main.
  database.execute(
      "DROP INDEX idx_on_invitation_type_invitation_id_6d6ef495e6;"
      "CREATE UNIQUE INDEX index_invitation_log_entries_on_batch_member_invitation ON invitation_log_entries"
      " (invitation_log_id, member_id, invitation_type, invitation_id);");
  CHECK(findings_in(database,
                    "models:\n  InvitationLogEntry:\n    table: invitation_log_entries\n    unique:\n"
                    "      - columns: [invitation_log_id, member_id, invitation_type, invitation_id]\n"
                    "        nulls: distinct\n")
            .empty());
}

TEST_CASE("a model column that does not exist is one finding at the model's line; other models are still checked", "[db][rules]") {
  TestDatabase database;
  database.execute(std::string(k_table) + "CREATE UNIQUE INDEX t_a ON t (a); CREATE TABLE u (id serial PRIMARY KEY, x int, y int);"
                                          "CREATE UNIQUE INDEX u_x ON u (x);");
  const auto findings = findings_in(database,
                                    "models:\n"
                                    "  T:\n    table: t\n    unique:\n      - columns: [zzz]\n"
                                    "  U:\n    table: u\n    unique:\n      - columns: [x, y]\n        nulls: distinct\n");
  REQUIRE(verdicts(findings) == std::vector<std::string>{"model model T (public.t)", "stricter index public.u.u_x"});
  const Finding& misfit = findings[0].key == "T:zzz:model" ? findings[0] : findings[1];
  CHECK(misfit.message == "model T: column zzz does not exist in public.t; its unique indexes are not judged until this is fixed");
  REQUIRE(misfit.location);
  CHECK(misfit.location->file == "models.yml");
  CHECK(misfit.location->line == 5);
  for (const auto& finding : findings) CHECK(finding.fix.find("zzz") == std::string::npos);
}

TEST_CASE("a unique token index on a model with other rules is undeclared, and its fix is on the model's side", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email varchar NOT NULL, api_token varchar);"
                   "CREATE UNIQUE INDEX index_users_on_email ON users (email);"
                   "CREATE UNIQUE INDEX index_users_on_api_token ON users (api_token);");
  const auto findings = findings_in(database, "models:\n  User:\n    table: users\n    unique:\n      - columns: [email]\n");
  REQUIRE(findings.size() == 1);
  const Finding& undeclared = findings[0];
  CHECK(undeclared.severity == Severity::warning);
  CHECK(undeclared.message ==
        "unique index index_users_on_api_token (api_token) is not declared by model User: no uniqueness rule of the model "
        "mentions its columns");
  CHECK(undeclared.fix.find("DROP INDEX") == std::string::npos);
  CHECK(undeclared.fix ==
        "# in model User (models.yml:2:3), under unique:\n"
        "- columns: [api_token]\n"
        "  nulls: distinct\n"
        "# or, in the Rails model: validates :api_token, uniqueness: { allow_nil: true, }\n"
        "# if the application does not need this uniqueness, dropping the index is a choice for a person to make");
}

TEST_CASE("the undeclared option sets the severity of undeclared indexes, or turns them off", "[db][rules]") {
  TestDatabase database;
  database.execute("CREATE TABLE users (id bigserial PRIMARY KEY, api_token varchar NOT NULL);"
                   "CREATE UNIQUE INDEX index_users_on_api_token ON users (api_token);");
  const std::string models = "models:\n  User:\n    table: users\n";
  const std::string rule = "rules:\n  - id: u\n    check: unique_indexes_match_model\n";
  auto with_model = findings_in(database, models + rule + "    undeclared: error\n");
  REQUIRE(with_model.size() == 1);
  CHECK(with_model[0].severity == Severity::error);
  CHECK(findings_in(database, models + rule + "    undeclared: off\n").empty());
}
