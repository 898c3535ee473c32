#include <catch2/catch.hpp>

#include <set>

#include "lint/lint_rule.hpp"
#include "lint/lint_support.hpp"

using plumb::testing::lint_texts;
using plumb::testing::unsuppressed;

namespace {

// The schema every case starts from: created by an earlier migration, so its
// tables existed (and may hold rows) before the migration under test.
const std::string k_earlier =
    "CREATE TABLE orgs (id bigint PRIMARY KEY);\n"
    "CREATE TABLE accounts (id bigint PRIMARY KEY, org_id bigint, email text, name text, code varchar(10));\n"
    "CREATE INDEX accounts_name_idx ON accounts (name);\n"
    "CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);\n"
    "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\n"
    "CREATE DOMAIN positive AS integer;\n"
    "CREATE TYPE status AS ENUM ('new', 'done');\n";

const std::string k_models =
    "models:\n"
    "  Account:\n"
    "    table: accounts\n"
    "    unique:\n"
    "      - columns: [org_id, email]\n"
    "        nulls: distinct\n";

// Flyway runs V2 in a transaction; golang-migrate runs a one-statement file
// without one; a plain folder's file runs as written (its own BEGIN, if any).
const std::string k_in_transaction = "V2__change.sql";
const std::string k_alone = "2_change.up.sql";
const std::string k_plain = "002_change.sql";
const std::string k_bad_sql = "ALTER TABEL accounts ADD COLUMN plan text";

struct Case {
  std::string rule;
  std::string flagged_file;
  std::string flagged_sql;
  std::string clean_file;
  std::string clean_sql;
};

const std::vector<Case> k_cases = {
    {"index-without-concurrently", k_alone, "CREATE INDEX accounts_code_idx ON accounts (code)",
     k_in_transaction, "CREATE TABLE tags (name text);\nCREATE INDEX tags_name_idx ON tags (name)"},
    {"index-without-concurrently", k_alone, "DROP INDEX accounts_name_idx",
     k_alone, "DROP INDEX CONCURRENTLY accounts_name_idx"},
    {"concurrently-in-transaction", k_in_transaction, "CREATE INDEX CONCURRENTLY accounts_code_idx ON accounts (code)",
     k_alone, "CREATE INDEX CONCURRENTLY accounts_code_idx ON accounts (code)"},
    {"unique-constraint-without-index", k_in_transaction, "ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code)",
     k_in_transaction, "ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE USING INDEX accounts_code_idx"},
    {"unique-constraint-without-index", k_in_transaction, "ALTER TABLE orgs ADD PRIMARY KEY (id)",
     k_in_transaction, "ALTER TABLE orgs ADD CONSTRAINT orgs_pkey PRIMARY KEY USING INDEX orgs_id_idx"},
    {"constraint-without-not-valid", k_in_transaction,
     "ALTER TABLE accounts ADD CONSTRAINT accounts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)",
     k_in_transaction, "ALTER TABLE accounts ADD CONSTRAINT accounts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID"},
    {"constraint-without-not-valid", k_in_transaction, "ALTER TABLE accounts ADD CONSTRAINT code_length CHECK (length(code) > 2)",
     k_in_transaction, "ALTER TABLE accounts ADD CONSTRAINT code_length CHECK (length(code) > 2) NOT VALID"},
    {"set-not-null-without-check", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN name SET NOT NULL",
     k_in_transaction,
     "ALTER TABLE accounts ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;\n"
     "ALTER TABLE accounts VALIDATE CONSTRAINT name_not_null;\n"
     "ALTER TABLE accounts ALTER COLUMN name SET NOT NULL"},
    {"column-type-rewrite", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN org_id TYPE integer",
     k_in_transaction, "ALTER TABLE accounts ALTER COLUMN code TYPE text"},
    {"volatile-default", k_in_transaction, "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN added_at timestamptz DEFAULT now()"},
    {"model-object-removed", k_in_transaction, "ALTER TABLE accounts DROP COLUMN email",
     k_in_transaction, "ALTER TABLE accounts DROP COLUMN name"},
    {"model-object-removed", k_in_transaction, "ALTER TABLE accounts RENAME COLUMN org_id TO organisation_id",
     k_in_transaction, "ALTER TABLE accounts RENAME COLUMN name TO full_name"},
    {"model-object-removed", k_in_transaction, "ALTER TABLE accounts RENAME TO users",
     k_in_transaction, "ALTER TABLE orgs RENAME TO organisations"},
    {"model-object-removed", k_in_transaction, "DROP TABLE accounts",
     k_in_transaction, "DROP TABLE orgs"},
    {"unique-stricter-than-model", k_alone, "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)",
     k_alone, "CREATE UNIQUE INDEX CONCURRENTLY accounts_org_email_idx ON accounts (org_id, email)"},
    {"model-rule-unenforced", k_alone, "CREATE INDEX CONCURRENTLY accounts_org_email_idx ON accounts (org_id, email)",
     k_alone, "CREATE UNIQUE INDEX CONCURRENTLY accounts_org_email_idx ON accounts (org_id, email)"},
    {"identifier-too-long", k_in_transaction,
     "ALTER TABLE accounts ADD COLUMN " + std::string(64, 'c') + " integer",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN " + std::string(63, 'c') + " integer"},
    {"index-name-hash-suffix", k_alone, "CREATE INDEX CONCURRENTLY idx_on_name_6d6ef495e6 ON accounts (name)",
     k_alone, "CREATE INDEX CONCURRENTLY index_accounts_on_name ON accounts (name)"},
    {"unlintable-file", k_in_transaction, k_bad_sql, k_in_transaction, "ALTER TABLE accounts ADD COLUMN plan text"},
    {"reindex-without-concurrently", k_alone, "REINDEX INDEX accounts_name_idx",
     k_alone, "REINDEX INDEX CONCURRENTLY accounts_name_idx"},
    {"detach-partition-without-concurrently", k_alone, "ALTER TABLE events DETACH PARTITION events_2023",
     k_alone, "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY"},
    {"validate-in-same-transaction", k_in_transaction,
     "ALTER TABLE accounts ADD CONSTRAINT accounts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;\n"
     "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_org_fk",
     k_plain,
     "BEGIN;\nALTER TABLE accounts ADD CONSTRAINT accounts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;\nCOMMIT;\n"
     "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_org_fk"},
    {"generated-column-rewrite", k_in_transaction, "ALTER TABLE accounts ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN number bigint"},
    {"generated-column-rewrite", k_in_transaction,
     "ALTER TABLE accounts ADD COLUMN email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN email_domain text"},
    {"adding-required-column", k_in_transaction, "ALTER TABLE accounts ADD COLUMN plan text NOT NULL",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free'"},
    {"require-timeout-settings", k_in_transaction, "ALTER TABLE accounts ADD COLUMN plan text",
     k_in_transaction, "SET lock_timeout = '5s';\nALTER TABLE accounts ADD COLUMN plan text"},
    {"drop-table", k_in_transaction, "DROP TABLE orgs", k_in_transaction, "CREATE TABLE scratch (id int);\nDROP TABLE scratch"},
    {"drop-column", k_in_transaction, "ALTER TABLE accounts DROP COLUMN name",
     k_in_transaction, "CREATE TABLE scratch (id int, note text);\nALTER TABLE scratch DROP COLUMN note"},
    {"drop-database", k_alone, "DROP DATABASE legacy", k_alone, "DROP SCHEMA IF EXISTS legacy"},
    {"drop-not-null", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN name DROP NOT NULL",
     k_in_transaction, "CREATE TABLE scratch (id int NOT NULL);\nALTER TABLE scratch ALTER COLUMN id DROP NOT NULL"},
    {"rename-table", k_in_transaction, "ALTER TABLE orgs RENAME TO organisations",
     k_in_transaction, "CREATE TABLE scratch (id int);\nALTER TABLE scratch RENAME TO scratch_pad"},
    {"rename-column", k_in_transaction, "ALTER TABLE accounts RENAME COLUMN name TO full_name",
     k_in_transaction, "CREATE TABLE scratch (id int);\nALTER TABLE scratch RENAME COLUMN id TO scratch_id"},
    {"truncate-cascade", k_in_transaction, "TRUNCATE orgs CASCADE", k_in_transaction, "TRUNCATE accounts, orgs"},
    {"transaction-nesting", k_in_transaction, "BEGIN;\nCREATE TABLE tags (name text);\nCOMMIT",
     k_plain, "BEGIN;\nCREATE TABLE tags (name text);\nCOMMIT"},
    {"uncommitted-transaction", k_plain, "BEGIN;\nCREATE TABLE tags (name text)",
     k_plain, "BEGIN;\nCREATE TABLE tags (name text);\nCOMMIT"},
    {"robust-statements", k_alone, "CREATE INDEX CONCURRENTLY accounts_code_idx ON accounts (code)",
     k_alone, "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_code_idx ON accounts (code)"},
    {"alter-domain-add-constraint", k_in_transaction, "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0)",
     k_in_transaction, "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID"},
    {"create-domain-with-constraint", k_in_transaction, "CREATE DOMAIN percent AS integer CHECK (VALUE BETWEEN 0 AND 100)",
     k_in_transaction, "CREATE DOMAIN label AS text"},
    {"enum-value-ordering", k_alone, "ALTER TYPE status ADD VALUE 'archived'",
     k_alone, "ALTER TYPE status ADD VALUE 'archived' AFTER 'done'"},
    {"prefer-bigint", k_in_transaction, "CREATE TABLE tags (id int PRIMARY KEY)",
     k_in_transaction, "CREATE TABLE tags (id bigint PRIMARY KEY)"},
    {"prefer-identity", k_in_transaction, "CREATE TABLE tags (id bigserial PRIMARY KEY)",
     k_in_transaction, "CREATE TABLE tags (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)"},
    {"prefer-timestamptz", k_in_transaction, "ALTER TABLE accounts ADD COLUMN seen_at timestamp",
     k_in_transaction, "ALTER TABLE accounts ADD COLUMN seen_at timestamptz"},
    {"prefer-text", k_in_transaction, "CREATE TABLE tags (name varchar(40))", k_in_transaction, "CREATE TABLE tags (name text)"},
    {"ban-char", k_in_transaction, "CREATE TABLE tags (code char(2))", k_in_transaction, "CREATE TABLE tags (code text)"},
};

// The misses and false alarms of real projects' files, each with the
// number of findings of its rule.
struct Expectation {
  std::string rule;
  std::string file;
  std::string sql;
  size_t findings;
};

const std::vector<Expectation> k_real_world = {
    // Misses: inline constraints in ADD COLUMN.
    {"constraint-without-not-valid", k_in_transaction, "ALTER TABLE accounts ADD COLUMN owner_id bigint REFERENCES orgs (id)", 1},
    {"unique-constraint-without-index", k_in_transaction, "ALTER TABLE accounts ADD COLUMN handle text UNIQUE", 1},
    // Misses: a type change to text from a non-string type rewrites.
    {"column-type-rewrite", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN org_id TYPE text", 1},
    {"column-type-rewrite", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN code TYPE varchar(5)", 1},
    // Misses: a default through a function the same file declares VOLATILE (or by default).
    {"volatile-default", k_in_transaction,
     "CREATE FUNCTION new_token() RETURNS uuid LANGUAGE sql VOLATILE AS $$ SELECT gen_random_uuid() $$;\n"
     "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT new_token()", 1},
    {"volatile-default", k_in_transaction,
     "CREATE FUNCTION plan_label() RETURNS text LANGUAGE sql AS $$ SELECT 'free' $$;\n"
     "ALTER TABLE accounts ADD COLUMN plan text DEFAULT plan_label()", 1},
    {"volatile-default", k_in_transaction,
     "CREATE FUNCTION plan_label() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'free' $$;\n"
     "ALTER TABLE accounts ADD COLUMN plan text DEFAULT plan_label()", 0},
    // Misses: the CHECK dance before SET NOT NULL in one transaction.
    {"validate-in-same-transaction", k_in_transaction,
     "ALTER TABLE accounts ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;\n"
     "ALTER TABLE accounts VALIDATE CONSTRAINT name_not_null;\n"
     "ALTER TABLE accounts ALTER COLUMN name SET NOT NULL", 1},
    // False alarms: ANALYZE runs in a transaction.
    {"concurrently-in-transaction", k_in_transaction, "ANALYZE accounts (email)", 0},
    // False alarms: relations made by CREATE ... AS in the same migration are new.
    {"index-without-concurrently", k_in_transaction,
     "CREATE MATERIALIZED VIEW account_counts AS SELECT org_id AS id, count(*) FROM accounts GROUP BY org_id;\n"
     "CREATE UNIQUE INDEX ON account_counts (id)", 0},
    {"index-without-concurrently", k_in_transaction,
     "CREATE TABLE account_copy AS SELECT * FROM accounts;\nCREATE INDEX account_copy_id ON account_copy (id)", 0},
    // False alarms: varchar widened or unchanged is a catalog change only.
    {"column-type-rewrite", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN code TYPE varchar(20)", 0},
    {"column-type-rewrite", k_in_transaction, "ALTER TABLE accounts ALTER COLUMN code TYPE varchar(10)", 0},
    // A BEGIN in a plain file makes CONCURRENTLY fail inside it.
    {"concurrently-in-transaction", k_plain, "BEGIN;\nCREATE INDEX CONCURRENTLY accounts_code_idx ON accounts (code);\nCOMMIT", 1},
    {"concurrently-in-transaction", k_in_transaction, "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY", 1},
    // A multi-statement file outside a transaction must survive a re-run.
    {"robust-statements", k_plain, "ALTER TABLE accounts ADD COLUMN plan text;\nCREATE TABLE tags (name text)", 2},
    {"robust-statements", k_plain, "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS plan text;\nCREATE TABLE IF NOT EXISTS tags (name text)", 0},
};

plumb::CheckReport lint_change(const std::string& file, const std::string& sql) {
  return lint_texts({{"V1__earlier.sql", k_earlier}, {file, sql + ";\n"}}, k_models, plumb::testing::every_rule_on());
}

// The findings of `rule_id` in `file`: the earlier migration's own columns
// (accounts.code is a varchar(10)) are not what a case is about.
std::vector<plumb::Finding> in_file(const std::vector<plumb::Finding>& findings, const std::string& file) {
  std::vector<plumb::Finding> found;
  for (const auto& finding : findings)
    if (!finding.location || finding.location->file == file || finding.location->file == "rules.yml") found.push_back(finding);
  return found;
}

plumb::Severity default_or_warning(const std::string& rule_id) {
  return plumb::find_lint_rule(rule_id)->severity.value_or(plumb::Severity::warning);
}

}  // namespace

TEST_CASE("each lint rule flags its hazard and passes the safe form", "[lint]") {
  for (const auto& c : k_cases) {
    INFO(c.rule << ": " << c.flagged_sql);
    const auto flagged = in_file(unsuppressed(lint_change(c.flagged_file, c.flagged_sql), c.rule), c.flagged_file);
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].severity == default_or_warning(c.rule));
    CHECK(flagged[0].why == plumb::find_lint_rule(c.rule)->reason);
    INFO("clean: " << c.clean_sql);
    CHECK(in_file(unsuppressed(lint_change(c.clean_file, c.clean_sql), c.rule), c.clean_file).empty());
  }
}

TEST_CASE("the misses and false alarms seen on real projects' migrations are fixed", "[lint]") {
  for (const auto& c : k_real_world) {
    INFO(c.rule << ": " << c.sql);
    CHECK(in_file(unsuppressed(lint_change(c.file, c.sql), c.rule), c.file).size() == c.findings);
  }
}

TEST_CASE("the style rules are off by default", "[lint]") {
  const auto report = lint_texts({{"V1__tags.sql", "CREATE TABLE tags (id serial, name varchar(40), code char(2), at timestamp);\n"}});
  for (const std::string rule : {"prefer-bigint", "prefer-identity", "prefer-text", "ban-char", "prefer-timestamptz"}) {
    INFO(rule);
    CHECK_FALSE(plumb::find_lint_rule(rule)->severity);
    for (const auto& result : report.results) CHECK(result.rule_id != rule);
  }
}

TEST_CASE("require-timeout-settings does not fire on plumb's own layout, whose runner sets lock_timeout", "[lint]") {
  const auto report = lint_texts({{"001_earlier.sql", "-- plumb:up\n" + k_earlier}, {"002_plan.sql", "-- plumb:up\nALTER TABLE accounts ADD plan text;\n"}});
  CHECK(unsuppressed(report, "require-timeout-settings").empty());
}

TEST_CASE("require-timeout-settings asks for lock_timeout once per file, only for a strong lock on an existing table", "[lint]") {
  const auto report = lint_change(k_in_transaction,
                                  "CREATE TABLE tags (name text);\nCREATE INDEX tags_name ON tags (name);\n"
                                  "ALTER TABLE accounts ADD COLUMN plan text;\nALTER TABLE orgs ADD COLUMN plan text");
  const auto findings = unsuppressed(report, "require-timeout-settings");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "takes a strong lock on public.accounts with no lock_timeout set before it in the file");
  CHECK(findings[0].location->line == 3);
}

TEST_CASE("every lint rule has a flagged and a clean case", "[lint]") {
  std::set<std::string> tested;
  for (const auto& c : k_cases) tested.insert(c.rule);
  for (const auto& rule : plumb::lint_rules()) CHECK(tested.count(rule.id) == 1);
}

TEST_CASE("a statement finding points at the statement's file line and column", "[lint]") {
  const auto report = lint_change(k_alone, "\n\n  CREATE INDEX accounts_code_idx ON accounts (code)");
  const auto findings = unsuppressed(report, "index-without-concurrently");
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].location);
  CHECK(findings[0].location->to_string() == "2_change.up.sql:3:3");
  CHECK(findings[0].object == "index accounts_code_idx on public.accounts");
  CHECK(findings[0].message == "CREATE INDEX without CONCURRENTLY on public.accounts, which existed before this migration");
}

TEST_CASE("an index on a table created by the same migration locks nobody", "[lint]") {
  const auto report = lint_texts({{"V1__create.sql", k_earlier}});
  CHECK(unsuppressed(report, "index-without-concurrently").empty());
}

TEST_CASE("a unique index stricter than the model names the model rule it contradicts", "[lint]") {
  const auto findings = unsuppressed(lint_change(k_alone, "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)"),
                                     "unique-stricter-than-model");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "unique index (email) is stricter than Account's uniqueness rule (org_id, email) at rules.yml:5:9: "
        "the rule allows two rows that differ only in org_id, which the index does not contain");
}

TEST_CASE("a partial unique index matching the model's condition is not stricter", "[lint]") {
  const std::string models =
      "models:\n  Account:\n    table: accounts\n    unique:\n      - columns: [email]\n        where: \"name = 'x'\"\n"
      "        nulls: distinct\n";
  const auto report = lint_texts({{"V1__earlier.sql", k_earlier},
                                  {k_alone, "CREATE UNIQUE INDEX CONCURRENTLY a_email ON accounts (email) WHERE (name = 'x');\n"}},
                                 models);
  CHECK(unsuppressed(report, "unique-stricter-than-model").empty());
  CHECK(unsuppressed(report, "model-rule-unenforced").empty());
}
