#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"

using plumb::testing::run_plumb;
using plumb::testing::TempDirectory;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A repository with plumb.yml at its top and a folder two levels below.
struct Repository {
  TempDirectory top;
  std::string below;

  explicit Repository(const std::string& config) {
    top.write("plumb.yml", config);
    below = top.path() + "/app/models";
    std::filesystem::create_directories(below);
  }
};

}  // namespace

TEST_CASE("plumb config finds plumb.yml in a folder above and says where each setting came from", "[cli]") {
  const Repository repository(
      "db: postgresql://app:s3cret@db.example/app\n"
      "rules: [plumb/rules]\n"
      "migrations: db/migrations\n"
      "format: json\n");
  const auto result = run_plumb({"config", "--format", "text"}, {{"DATABASE_URL", std::nullopt}}, repository.below);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(contains(result.out, "config:             ../../plumb.yml  (found from the working directory)\n"));
  CHECK(contains(result.out, "db:                 dbname=app host=db.example password=**** user=app  (db in ../../plumb.yml:1:5)\n"));
  CHECK(contains(result.out, "rules:              ../../plumb/rules  (../../plumb.yml:2:8)\n"));
  CHECK(contains(result.out, "migrations:         ../../db/migrations  (../../plumb.yml:3:13)\n"));
  CHECK(contains(result.out, "format:             text  (--format)\n"));
  CHECK(contains(result.out, "history_table:      plumb_schema_migrations  (default)\n"));
  CHECK_FALSE(contains(result.out + result.err, "s3cret"));
}

TEST_CASE("flags override plumb.yml and --config names another file", "[cli]") {
  const Repository repository("db_env: APP_DATABASE\nfail_on: warning\n");
  repository.top.write("other.yml", "format: json\n");
  const auto flagged = run_plumb({"--db", "dbname=flagged", "config"}, {}, repository.below);
  CHECK(flagged.exit_code == 0);
  CHECK(contains(flagged.out, "db:                 dbname=flagged  (--db)\n"));
  CHECK(contains(flagged.out, "fail_on:            warning  (../../plumb.yml:2:10)\n"));
  const auto other = run_plumb({"config", "--config", repository.top.path() + "/other.yml"}, {}, repository.below);
  CHECK(other.exit_code == 0);
  const auto json = nlohmann::json::parse(other.out);
  CHECK(json["format"]["value"] == "json");
  CHECK(json["fail_on"]["source"] == "default");
}

TEST_CASE("plumb.yml's db_env names the variable that holds the connection string", "[cli]") {
  const Repository repository("db_env: APP_DATABASE\n");
  const auto result = run_plumb({"config"}, {{"APP_DATABASE", "dbname=from_env password=s3cret"}}, repository.below);
  CHECK(result.exit_code == 0);
  CHECK(contains(result.out, "db:                 dbname=from_env password=****  (db_env APP_DATABASE in ../../plumb.yml:1:9)\n"));
  CHECK_FALSE(contains(result.out, "s3cret"));
}

TEST_CASE("a mistake in plumb.yml is bad input with its line and column", "[cli]") {
  const Repository unknown("rules: rules\nfail-on: warning\n");
  const auto result = run_plumb({"config"}, {}, unknown.below);
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "plumb: ../../plumb.yml:2:1: unknown key 'fail-on' (expected db, db_env, rules, migrations, history_table, "
        "format, fail_on, targets or lint: exclude_rules)\n");
  const Repository bad_value("fail_on: sometimes\n");
  CHECK(run_plumb({"config"}, {}, bad_value.below).err ==
        "plumb: ../../plumb.yml:1:10: fail_on: 'sometimes' is not one of error, warning\n");
}

TEST_CASE("lint run below plumb.yml takes its migrations, format and exclusions", "[cli][lint]") {
  const Repository repository(
      "migrations: db/migrate\n"
      "format: json\n"
      "lint:\n"
      "  exclude_rules: [index-without-concurrently]\n");
  std::filesystem::create_directories(repository.top.path() + "/db/migrate");
  repository.top.write("db/migrate/001_index.sql", "CREATE INDEX users_email ON users (email);\n");
  const auto linted = run_plumb({"lint"}, {}, repository.below);
  INFO(linted.err);
  const auto json = nlohmann::json::parse(linted.out);
  REQUIRE(json["results"].size() > 1);
  for (const auto& result : json["results"]) CHECK(result["id"] != "index-without-concurrently");
  // A flag given on the command line wins over the file.
  const auto flagged = run_plumb({"lint", "--format", "text", "--exclude-rule", "concurrently-in-transaction"}, {}, repository.below);
  CHECK(contains(flagged.out, "error [index-without-concurrently]"));
}

TEST_CASE("a --config that cannot be read is bad input naming it", "[cli]") {
  const auto result = run_plumb({"config", "--config", "/nonexistent/plumb.yml"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: /nonexistent/plumb.yml: cannot read the settings file\n");
}
