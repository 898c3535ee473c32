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
    "CREATE INDEX accounts_name_idx ON accounts (name);\n";

const std::string k_models =
    "models:\n"
    "  Account:\n"
    "    table: accounts\n"
    "    unique:\n"
    "      - columns: [org_id, email]\n";

// Flyway runs V2 in a transaction; golang-migrate runs a one-statement file without one.
const std::string k_in_transaction = "V2__change.sql";
const std::string k_alone = "2_change.up.sql";

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
};

plumb::CheckReport lint_change(const std::string& file, const std::string& sql) {
  return lint_texts({{"V1__earlier.sql", k_earlier}, {file, sql + ";\n"}}, k_models);
}

}  // namespace

TEST_CASE("each lint rule flags its hazard and passes the safe form", "[lint]") {
  for (const auto& c : k_cases) {
    INFO(c.rule << ": " << c.flagged_sql);
    const auto flagged = unsuppressed(lint_change(c.flagged_file, c.flagged_sql), c.rule);
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].severity == plumb::find_lint_rule(c.rule)->severity);
    CHECK(flagged[0].why == plumb::find_lint_rule(c.rule)->reason);
    INFO("clean: " << c.clean_sql);
    CHECK(unsuppressed(lint_change(c.clean_file, c.clean_sql), c.rule).empty());
  }
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
      "models:\n  Account:\n    table: accounts\n    unique:\n      - columns: [email]\n        where: \"name = 'x'\"\n";
  const auto report = lint_texts({{"V1__earlier.sql", k_earlier},
                                  {k_alone, "CREATE UNIQUE INDEX CONCURRENTLY a_email ON accounts (email) WHERE (name = 'x');\n"}},
                                 models);
  CHECK(unsuppressed(report, "unique-stricter-than-model").empty());
  CHECK(unsuppressed(report, "model-rule-unenforced").empty());
}
