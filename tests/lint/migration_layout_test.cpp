#include <catch2/catch.hpp>

#include "lint/migration_layout.hpp"
#include "support/temp_directory.hpp"
#include "util/errors.hpp"

using plumb::find_migration_sources;
using plumb::layout_of_file_name;
using plumb::testing::TempDirectory;

namespace {

// "layout version" of each source, in the order the tool runs them.
std::vector<std::string> run_order(const std::string& directory) {
  std::vector<std::string> order;
  for (const auto& source : find_migration_sources(directory)) order.push_back(source.layout + " " + source.version);
  return order;
}

}  // namespace

TEST_CASE("versions order by the value of their digit runs, however long", "[lint]") {
  const std::pair<std::string, std::string> ascending[] = {
      {"2", "10"},
      {"1.2.9", "1.2.10"},
      {"009", "10"},
      {"20150100000001000000", "20150100000002000000"},
      {"9999999999999999999", "20150100000001000000"},
      {"2020-01-01-000000", "2020-01-02-000000"},
  };
  for (const auto& [lower, higher] : ascending) {
    INFO(lower << " < " << higher);
    CHECK(plumb::version_less(lower, higher));
    CHECK_FALSE(plumb::version_less(higher, lower));
  }
  CHECK(plumb::same_version("001", "1"));
  CHECK_FALSE(plumb::same_version("1.2", "1.20"));
}

TEST_CASE("each file name tells its tool, its version and whether a deploy runs it", "[lint]") {
  struct Case {
    std::string name, layout, version;
    bool repeatable, skipped;
  };
  const Case cases[] = {
      {"001_create.sql", "numbered", "001", false, false},
      {"V1_2__create.sql", "flyway", "1.2", false, false},
      {"R__views.sql", "flyway", "views", true, false},
      {"U3__create.sql", "flyway", "", false, true},
      {"3_create.up.sql", "golang-migrate", "3", false, false},
      {"3_create.down.sql", "golang-migrate", "3", false, true},
      {"20150100000001000000_networks.postgres.up.sql", "pop", "20150100000001000000", false, false},
      {"20150100000001000000_networks.mysql.up.sql", "pop", "20150100000001000000", false, true},
      {"20150100000001000000_networks.postgres.down.sql", "pop", "20150100000001000000", false, true},
      {"20241029153900000001_identities.autocommit.up.sql", "pop", "20241029153900000001", false, false},
      {"20230705000000000001_cookie_flow.sqlite.up.sql", "pop", "20230705000000000001", false, true},
      {"create_users.sql", "plain", "create_users.sql", false, false},
      // Edges of each tool's pattern, as the std::regex reading before them
      // decided (a run of 2.5 million generated names agreed with it).
      {"V1.2.3__x.sql", "flyway", "1.2.3", false, false},
      {"V1_2_x.sql", "plain", "V1_2_x.sql", false, false},
      {"R__.sql", "plain", "R__.sql", false, false},
      {"U1._2__undo.sql", "flyway", "", false, true},
      {"1_a..up.sql", "golang-migrate", "1", false, false},
      {"1_a.mysql.autocommit.up.sql", "pop", "1", false, true},
      {"1_a.autocommit.mysql.up.sql", "golang-migrate", "1", false, false},
      {"1_a\nb.sql", "plain", "1_a\nb.sql", false, false},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto layout = layout_of_file_name(c.name);
    CHECK(layout.layout == c.layout);
    CHECK(layout.version == c.version);
    CHECK(layout.repeatable == c.repeatable);
    CHECK(layout.skipped == c.skipped);
  }
}

TEST_CASE("a Diesel folder runs each dir/up.sql in version order, never down.sql", "[lint]") {
  TempDirectory folder;
  folder.write("2020-01-02-000000_add_email/up.sql", "ALTER TABLE users ADD email text;\n");
  folder.write("2020-01-02-000000_add_email/down.sql", "ALTER TABLE users DROP email;\n");
  folder.write("2020-01-01-000000_create_users/up.sql", "CREATE TABLE users (id bigint);\n");
  folder.write("2020-01-01-000000_create_users/down.sql", "DROP TABLE users;\n");
  CHECK(run_order(folder.path()) == std::vector<std::string>{"diesel 2020-01-01-000000", "diesel 2020-01-02-000000"});
}

TEST_CASE("a Prisma folder runs each dir/migration.sql in version order", "[lint]") {
  TempDirectory folder;
  folder.write("migration_lock.toml", "provider = \"postgresql\"\n");
  folder.write("20200102000000_add_email/migration.sql", "ALTER TABLE users ADD email text;\n");
  folder.write("20200101000000_init/migration.sql", "CREATE TABLE users (id bigint);\n");
  CHECK(run_order(folder.path()) == std::vector<std::string>{"prisma 20200101000000", "prisma 20200102000000"});
}

TEST_CASE("a pop folder keeps 20-digit versions as strings and runs the postgres file of each version, else the common one", "[lint]") {
  TempDirectory folder;
  folder.write("20150100000010000000_identities.postgres.up.sql", "SELECT 2;\n");
  folder.write("20150100000001000000_networks.postgres.up.sql", "SELECT 1;\n");
  folder.write("20150100000001000000_networks.mysql.up.sql", "SELECT 1;\n");
  folder.write("20150100000001000000_networks.postgres.down.sql", "SELECT 1;\n");
  folder.write("20150100000020000000_courier.up.sql", "SELECT 3;\n");
  folder.write("20150100000030000000_flows.up.sql", "SELECT 4;\n");
  folder.write("20150100000030000000_flows.postgres.up.sql", "SELECT 4;\n");
  CHECK(run_order(folder.path()) ==
        std::vector<std::string>{"pop 20150100000001000000", "pop 20150100000010000000", "pop 20150100000020000000",
                                 "pop 20150100000030000000"});
  CHECK(find_migration_sources(folder.path()).back().path.find("flows.postgres.up.sql") != std::string::npos);
}

TEST_CASE("a sqitch project runs deploy scripts in the order of sqitch.plan, reworked ones by tag", "[lint]") {
  TempDirectory folder;
  folder.write("sqitch.plan",
               "%syntax-version=1.0.0\n%project=flipr\n\n"
               "users 2024-01-01T00:00:00Z Ann <ann@example.com> # users\n"
               "flips [users] 2024-01-02T00:00:00Z Ann <ann@example.com> # flips\n"
               "@v1.0 2024-01-03T00:00:00Z Ann <ann@example.com> # tag\n"
               "users [users@v1.0] 2024-01-04T00:00:00Z Ann <ann@example.com> # rework\n");
  folder.write("deploy/users.sql", "BEGIN;\nCREATE TABLE users (id bigint);\nCOMMIT;\n");
  folder.write("deploy/users@v1.0.sql", "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n");
  folder.write("deploy/flips.sql", "BEGIN;\nCREATE TABLE flips (id bigint);\nCOMMIT;\n");
  std::vector<std::string> files;
  for (const auto& source : find_migration_sources(folder.path())) files.push_back(source.path.substr(folder.path().size() + 1));
  CHECK(files == std::vector<std::string>{"deploy/users@v1.0.sql", "deploy/flips.sql", "deploy/users.sql"});
}

TEST_CASE("Flyway's repeatable files run after every versioned one", "[lint]") {
  TempDirectory folder;
  folder.write("R__views.sql", "SELECT 0;\n");
  folder.write("V2__b.sql", "SELECT 2;\n");
  folder.write("V1__a.sql", "SELECT 1;\n");
  CHECK(run_order(folder.path()) == std::vector<std::string>{"flyway 1", "flyway 2", "flyway views"});
}

TEST_CASE("a loose file of no tool's layout in a tool's folder is marked, not guessed at", "[lint]") {
  TempDirectory folder;
  folder.write("V1__a.sql", "SELECT 1;\n");
  folder.write("seed.sql", "SELECT 2;\n");
  const auto sources = find_migration_sources(folder.path());
  REQUIRE(sources.size() == 2);
  CHECK(sources[1].misfit == "'seed.sql' fits none of the layouts of this folder (flyway)");
}

TEST_CASE("a folder of loose SQL files of no tool is a plain folder, run in name order", "[lint]") {
  TempDirectory folder;
  folder.write("schema.sql", "SELECT 1;\n");
  folder.write("indexes.sql", "SELECT 2;\n");
  CHECK(run_order(folder.path()) == std::vector<std::string>{"plain indexes.sql", "plain schema.sql"});
}

TEST_CASE("a folder with no migration file is refused, listing what plumb looked for", "[lint]") {
  TempDirectory folder;
  folder.write("20240101_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]; end\n");
  CHECK_THROWS_MATCHES(
      find_migration_sources(folder.path()), plumb::InputError,
      Catch::Message(folder.path() +
                     ": no migration file to lint; plumb looked for plumb NNN_name.sql (-- plumb:up), Flyway V1__name.sql and "
                     "R__name.sql, golang-migrate 1_name.up.sql, dbmate 20240101120000_name.sql (-- migrate:up), Diesel "
                     "DIR/up.sql, Prisma DIR/migration.sql, pop 20150100000001000000_name.postgres.up.sql, sqitch sqitch.plan "
                     "with deploy/NAME.sql, or any NAME.sql (a plain folder, run in name order)"));
}
