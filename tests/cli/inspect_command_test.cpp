#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::run_plumb;
using plumb::testing::TestDatabase;

TEST_CASE("plumb inspect --table prints one table's columns indexes and constraints", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb({"inspect", "--db", database.conninfo(), "--table", "invitation_logs"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("table public.invitation_logs\n  column id bigint not null default nextval(") == 0);
  CHECK(result.out.find("  index index_invitation_logs_unique_active btree (loggable_type, loggable_id, audience, action, status)"
                        " where ((status)::text = 'running'::text) [unique]\n") != std::string::npos);
  CHECK(result.out.find("  index invitation_logs_pkey btree (id) [primary key, constraint invitation_logs_pkey]\n") !=
        std::string::npos);
  CHECK(result.out.find("  foreign_key fk_rails_invitation_logs_initiator_id FOREIGN KEY (initiator_id) REFERENCES members(id)\n") !=
        std::string::npos);
  CHECK(result.out.find("table public.members") == std::string::npos);
}

TEST_CASE("plumb inspect --format json is versioned", "[db][cli]") {
  TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const auto result = run_plumb({"--format", "json", "inspect", "--db", database.conninfo()});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["version"] == 1);
  // The reference schema's 9 tables, and plumb migrate's history table.
  CHECK(json["tables"].size() == 10);
  nlohmann::json entries;
  for (const auto& table : json["tables"])
    if (table["name"] == "invitation_log_entries") entries = table;
  CHECK(entries["primary_key"] == nlohmann::json::array({"id"}));
}

TEST_CASE("plumb inspect --table of a missing table exits 2", "[db][cli]") {
  TestDatabase database;
  const auto result = run_plumb({"inspect", "--db", database.conninfo(), "--table", "nope"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: --table nope: no such table\n");
}

TEST_CASE("inspect --targets prints each target's snapshot in one document and exits 3 when one is unreachable",
          "[db][cli][fleet]") {
  plumb::testing::TestDatabase database;
  database.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)");
  plumb::testing::TempDirectory folder;
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: eu-1\n    db: \"" + database.conninfo() +
                                                              "\"\n  - name: gone\n    db: \"host=/nonexistent-plumb port=5999\"\n");
  const auto result = plumb::testing::run_plumb({"inspect", "--targets", targets, "--format", "json"});
  CHECK(result.exit_code == 3);
  const auto document = nlohmann::json::parse(result.out);
  REQUIRE(document["targets"].size() == 2);
  CHECK(document["targets"][0]["name"] == "eu-1");
  CHECK(document["targets"][0]["schema"]["tables"][0]["name"] == "accounts");
  CHECK(document["targets"][1]["error"].get<std::string>().find("cannot connect to ") == 0);
}
