#include <catch2/catch.hpp>

#include "lint/migration_progress.hpp"

using plumb::MigrationProgress;
using plumb::split_sql;

namespace {

MigrationProgress after(const std::string& sql, bool tool_transaction) {
  MigrationProgress progress(tool_transaction);
  for (const auto& statement : split_sql(sql, "f.sql")) progress.apply(statement);
  return progress;
}

}  // namespace

TEST_CASE("a BEGIN in the file opens a transaction its COMMIT closes", "[lint]") {
  CHECK(after("BEGIN;\nSELECT 1;\n", false).open_begin_line() == 1);
  CHECK(after("BEGIN;\nSELECT 1;\n", false).in_transaction());
  CHECK_FALSE(after("BEGIN;\nSELECT 1;\nCOMMIT;\n", false).in_transaction());
  CHECK_FALSE(after("SELECT 1;\nCOMMIT;\n", true).in_transaction());  // a COMMIT ends the tool's transaction early
}

TEST_CASE("lock_timeout counts as set by SET, SET LOCAL or set_config", "[lint]") {
  for (const std::string sql : {"SET lock_timeout = '5s';", "SET LOCAL lock_timeout TO '5s';",
                                "SELECT set_config('lock_timeout', '5s', true);"}) {
    INFO(sql);
    CHECK(after(sql, true).lock_timeout_set());
  }
  CHECK_FALSE(after("SET statement_timeout = '5s';", true).lock_timeout_set());
}

TEST_CASE("a constraint added NOT VALID is remembered until the transaction commits", "[lint]") {
  const std::string add = "ALTER TABLE accounts ADD CONSTRAINT fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;\n";
  CHECK(after(add, true).added_not_valid_in_transaction("public.accounts.fk") == 1);
  CHECK(after("BEGIN;\n" + add + "COMMIT;\n", false).added_not_valid_in_transaction("public.accounts.fk") == 0);
  CHECK(after(add, false).added_not_valid_in_transaction("public.accounts.fk") == 0);  // autocommit: committed at once
}
