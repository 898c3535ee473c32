#include <catch2/catch.hpp>

#include "migrate/migration_file.hpp"
#include "migrate/migration_template.hpp"
#include "support/temp_directory.hpp"
#include "util/errors.hpp"

using plumb::next_migration;

namespace {

const std::time_t k_now = 1796205600;  // 2026-12-02T10:00:00Z

}  // namespace

TEST_CASE("a new migration continues the folder's own numbering", "[migrate]") {
  struct Case {
    std::vector<std::string> existing;
    std::string path;
  };
  const std::vector<Case> cases = {
      {{}, "m/001_add_x.sql"},
      {{"m/001_a.sql", "m/002_b.sql"}, "m/003_add_x.sql"},
      {{"m/0009_a.sql"}, "m/0010_add_x.sql"},
      {{"m/9_a.sql", "m/10_b.sql"}, "m/11_add_x.sql"},
      {{"m/999_a.sql"}, "m/1000_add_x.sql"},
      {{"m/20240101120000_a.sql"}, "m/20261202100000_add_x.sql"},
      {{"m/20301231235959_future.sql"}, "m/20301231235960_add_x.sql"},  // never before the newest
      {{"m/README.sql", "m/001_a.sql"}, "m/002_add_x.sql"},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    CHECK(next_migration("m", c.existing, "add_x", false, k_now).path == c.path);
  }
}

TEST_CASE("a new migration has up and down parts and, for a concurrent index, no transaction", "[migrate]") {
  const auto plain = next_migration("m", {}, "add_x", false, k_now);
  CHECK(plain.text == "-- 001_add_x: what this migration does, and why\n-- plumb:up\n\n-- plumb:down\n\n");
  const auto concurrent = next_migration("m", {}, "index_x", true, k_now);
  CHECK(concurrent.text.find("-- plumb:no-transaction\n-- plumb:up\n-- CREATE INDEX CONCURRENTLY IF NOT EXISTS") !=
        std::string::npos);
  // With its example statements uncommented, it reads as a no-transaction migration.
  std::string filled = concurrent.text;
  for (const std::string statement : {"CREATE INDEX", "DROP INDEX"})
    filled.replace(filled.find("-- " + statement), 3, "");
  const auto migration = plumb::parse_migration_file("m/001_index_x.sql", filled);
  CHECK_FALSE(migration.transactional);
  CHECK(migration.up.size() == 1);
  CHECK(migration.down.size() == 1);
}

TEST_CASE("a new migration name must be lowercase letters digits and underscores", "[migrate]") {
  for (const std::string bad : {"Add X", "add-x", "", "add_x.sql"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(next_migration("m", {}, bad, false, k_now), plumb::InputError,
                         Catch::Message("migration name '" + bad + "': use lowercase letters, digits and '_' (e.g. add_users_email)"));
  }
}

TEST_CASE("writing a new migration never replaces a file", "[migrate]") {
  plumb::testing::TempDirectory directory;
  const auto migration = next_migration(directory.path() + "/db/migrate", {}, "add_x", false, k_now);
  plumb::write_migration_template(migration);  // creates the missing folders
  CHECK(directory.read("db/migrate/001_add_x.sql") == migration.text);
  CHECK_THROWS_MATCHES(plumb::write_migration_template(migration), plumb::InputError,
                       Catch::Message(migration.path + ": already exists; pick another name"));
}
