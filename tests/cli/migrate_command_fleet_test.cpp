// `plumb migrate up --targets` and `migrate status --targets` end to end:
// canaries, a stop after a failure, versions per target and drift.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using namespace plumb::testing;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string targets_file(const TempDirectory& folder, const std::vector<const TestDatabase*>& databases) {
  std::string text = "targets:\n";
  const char* names[] = {"shard-1", "shard-2", "shard-3"};
  for (size_t index = 0; index < databases.size(); ++index)
    text += std::string("  - name: ") + names[index] + "\n    db: \"" + databases[index]->conninfo() + "\"\n";
  return folder.write("targets.yml", text);
}

}  // namespace

TEST_CASE("migrate up --targets --canary 1 stops at the shard that fails; status shows each one's version",
          "[db][cli][fleet]") {
  TestDatabase shard_1;
  TestDatabase shard_2;
  TestDatabase shard_3;
  // The second shard already has what 002 creates: its migration fails there.
  shard_2.execute("CREATE TABLE audit_events (id bigint)");
  TempDirectory folder;
  folder.write("migrations/001_create_accounts.sql", "-- plumb:up\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  folder.write("migrations/002_create_audit_events.sql", "-- plumb:up\nCREATE TABLE audit_events (id bigint PRIMARY KEY);\n");
  const std::string targets = targets_file(folder, {&shard_1, &shard_2, &shard_3});
  const std::string migrations = folder.path() + "/migrations";

  const auto up = run_plumb({"migrate", "--migrations", migrations, "up", "--targets", targets, "--canary", "1",
                             "--parallel", "1"});
  INFO(up.err);
  CHECK(up.exit_code == 3);
  CHECK(contains(up.out, "== target shard-1: done ("));
  CHECK(contains(up.out, "== target shard-2: failed ("));
  CHECK(contains(up.out, "== target shard-3: not started ("));
  CHECK(contains(up.out, "relation \"audit_events\" already exists"));
  CHECK(shard_3.query_value("SELECT to_regclass('accounts') IS NULL") == "t");

  const auto status = run_plumb({"migrate", "--migrations", migrations, "status", "--targets", targets, "--format", "json"});
  CHECK(status.exit_code == 1);
  const auto table = nlohmann::json::parse(status.out)["targets"];
  REQUIRE(table.size() == 3);
  CHECK(table[0]["version"] == 2);
  CHECK(table[0]["pending"] == 0);
  CHECK(table[1]["version"] == 1);
  CHECK(table[1]["pending"] == 1);
  CHECK(table[2]["version"] == 0);
  CHECK(table[2]["pending"] == 2);

  const auto again = run_plumb({"migrate", "--migrations", migrations, "up", "--targets", targets, "--target", "shard-3"});
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "shard-3  done               2        0\n"));
}

TEST_CASE("migrate status --targets flags the shards whose history records another checksum for a version",
          "[db][cli][fleet]") {
  TestDatabase shard_1;
  TestDatabase shard_2;
  TempDirectory folder;
  folder.write("old/001_create_accounts.sql", "-- plumb:up\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  folder.write("new/001_create_accounts.sql", "-- plumb:up\nCREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n");
  REQUIRE(run_plumb({"migrate", "--db", shard_1.conninfo(), "--migrations", folder.path() + "/old", "up"}).exit_code == 0);
  REQUIRE(run_plumb({"migrate", "--db", shard_2.conninfo(), "--migrations", folder.path() + "/new", "up"}).exit_code == 0);
  const std::string targets = targets_file(folder, {&shard_1, &shard_2});
  const auto status = run_plumb({"migrate", "--migrations", folder.path() + "/new", "status", "--targets", targets});
  CHECK(status.exit_code == 1);
  CHECK(contains(status.out, "target   status       applied  pending  version  drift\n"));
  CHECK(contains(status.out, "shard-1  done               0        1        1  1\n"));
  CHECK(contains(status.out, "shard-2  done               1        0        1  1\n"));
  CHECK(contains(status.out, "some targets need attention\n"));
}

TEST_CASE("migrate refuses --targets with down, and --canary without --targets", "[cli][fleet]") {
  TempDirectory folder;
  const std::string targets = folder.write("targets.yml", "targets:\n  - name: a\n    db: dbname=a\n");
  const auto down = run_plumb({"migrate", "--migrations", folder.path(), "down", "--targets", targets});
  CHECK(down.exit_code == 2);
  CHECK(contains(down.err, "plumb: --targets works with migrate up and migrate status, not migrate down\n"));
  const auto canary = run_plumb({"migrate", "--migrations", folder.path(), "up", "--canary", "1"});
  CHECK(canary.exit_code == 2);
  CHECK(contains(canary.err, "plumb: --canary and --keep-going need --targets FILE\n"));
}
