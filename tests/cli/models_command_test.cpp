#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::run_plumb;

namespace {

const std::string k_corpus = std::string(PLUMB_SOURCE_DIR) + "/tests/rails/corpus/";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string write_temporary(const std::string& text) {
  char path[] = "/tmp/plumb-models-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("plumb models import --rails prints the models file of the app", "[cli][rails]") {
  const auto result = run_plumb({"models", "import", "--rails", k_corpus + "incident_app"});

  CHECK(result.exit_code == 0);
  CHECK(result.out == read_file(k_corpus + "incident_app/expected.yml"));
  CHECK(result.err.empty());
}

TEST_CASE("plumb models import warns on stderr about what it skipped or could not translate", "[cli][rails]") {
  const auto result = run_plumb({"models", "import", "--rails", k_corpus + "tolerance"});

  CHECK(result.exit_code == 0);
  CHECK(result.out == read_file(k_corpus + "tolerance/expected.yml"));
  CHECK(result.err.find("app/models/post.rb:13: Post: Ruby syntax plumb cannot parse here; the uniqueness "
                        "validation in it is lost\n") != std::string::npos);
  CHECK(result.err.find("app/models/post.rb:11: Post: cannot translate conditions:") != std::string::npos);
}

TEST_CASE("plumb models import --check exits 0 when the committed file matches the app", "[cli][rails]") {
  const auto result = run_plumb({"models", "import", "--rails", k_corpus + "incident_app", "--check",
                                 k_corpus + "incident_app/expected.yml"});

  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("plumb models import --check exits 1 with a diff when the app's models changed", "[cli][rails]") {
  std::string stale = read_file(k_corpus + "incident_app/expected.yml");
  const std::string skip = "        skip_when_null: [member_id]\n";
  stale.erase(stale.find(skip), skip.size());
  const std::string committed = write_temporary(stale);

  const auto result =
      run_plumb({"models", "import", "--rails", k_corpus + "incident_app", "--check", committed});
  std::remove(committed.c_str());

  CHECK(result.exit_code == 1);
  CHECK(result.out.find("--- " + committed + "\n+++ imported from the app's models\n") == 0);
  CHECK(result.out.find("\n         nulls: not_distinct\n+        skip_when_null: [member_id]\n") != std::string::npos);
  CHECK(result.err.find("no longer matches the models of") != std::string::npos);
}

TEST_CASE("plumb models import --output writes the models file", "[cli][rails]") {
  const std::string output = write_temporary("");

  const auto result = run_plumb({"models", "import", "--rails", k_corpus + "incident_app", "--output", output});

  CHECK(result.exit_code == 0);
  CHECK(read_file(output) == read_file(k_corpus + "incident_app/expected.yml"));
  std::remove(output.c_str());
}

TEST_CASE("plumb models import on a folder that is not a Rails app exits 2", "[cli][rails]") {
  const auto result = run_plumb({"models", "import", "--rails", "/nonexistent"});

  CHECK(result.exit_code == 2);
  CHECK(result.err == "plumb: /nonexistent: no app/models folder (is it a Rails app's root?)\n");
}

TEST_CASE("An app of the incident's time imported then checked at migration 1 reports the global index as stricter",
          "[db][cli][rails]") {
  plumb::testing::TestDatabase database;
  plumb::testing::apply_reference_schema_at_incident(database);
  const std::string models = write_temporary("");
  const auto imported =
      run_plumb({"models", "import", "--rails", k_corpus + "incident_app", "--output", models});
  REQUIRE(imported.exit_code == 0);

  const auto checked = run_plumb({"check", "--db", database.conninfo(), "--rules", models});
  std::remove(models.c_str());
  CAPTURE(checked.out);

  CHECK(checked.exit_code == 1);
  CHECK(checked.out.find("unique index idx_on_invitation_type_invitation_id_6d6ef495e6 (invitation_type, "
                         "invitation_id) is stricter than every uniqueness rule of model InvitationLogEntry; "
                         "closest: unique (member_id, invitation_type, invitation_id), NULLs not distinct, "
                         "skipped when member_id IS NULL (app/models/invitation_log_entry.rb:8)") != std::string::npos);
  CHECK(checked.out.find("no valid unique index or constraint enforces unique (member_id, workshop_id, role), "
                         "NULLs not distinct (app/models/workshop_invitation.rb:6)") != std::string::npos);
  // Besides the global index, one true warning on the incident's table: as
  // Rails compares, two entries of one member with NULL invitation_type and
  // invitation_id collide, which no index there rejects.
  CHECK(checked.out.find("no valid unique index or constraint enforces unique (member_id, invitation_type, "
                         "invitation_id), NULLs not distinct, skipped when member_id IS NULL "
                         "(app/models/invitation_log_entry.rb:8)") != std::string::npos);
  std::size_t mentions = 0;
  for (std::size_t at = checked.out.find("InvitationLogEntry"); at != std::string::npos;
       at = checked.out.find("InvitationLogEntry", at + 1))
    ++mentions;
  CHECK(mentions == 2);
}

// A folder name comes from whoever wrote the app: a newline in it must stay
// inside the origin string, not add a key to the rule (issue: a `where`
// injected this way would silence the rule).
TEST_CASE("plumb models import writes a path holding a newline as data, not as YAML", "[cli][rails]") {
  plumb::testing::TempDirectory app;
  const std::string folder = "app/models/evil\n        where: \"1 = 0\"\n#";
  std::filesystem::create_directories(app.path() + "/" + folder);
  app.write(folder + "/member.rb", "class Member < ApplicationRecord\n  validates :email, uniqueness: true\nend\n");

  const auto result = run_plumb({"models", "import", "--rails", app.path()});

  REQUIRE(result.exit_code == 0);
  const YAML::Node rule = YAML::Load(result.out)["models"]["Member"]["unique"][0];
  CHECK_FALSE(rule["where"]);
  CHECK(rule["origin"].as<std::string>() == folder + "/member.rb:2");
}

TEST_CASE("plumb models import decodes Ruby string escapes", "[cli][rails]") {
  plumb::testing::TempDirectory app;
  std::filesystem::create_directories(app.path() + "/app/models");
  app.write("app/models/member.rb",
            "class Member < ApplicationRecord\n  self.table_name = \"inv\\\"ites\"\n"
            "  validates :email, uniqueness: { conditions: -> { where(kind: \"it's \\\"x\\\"\") } }\nend\n");

  const auto result = run_plumb({"models", "import", "--rails", app.path()});

  REQUIRE(result.exit_code == 0);
  const YAML::Node member = YAML::Load(result.out)["models"]["Member"];
  CHECK(member["table"].as<std::string>() == "inv\"ites");
  CHECK(member["unique"][0]["where"].as<std::string>() == "kind = 'it''s \"x\"'");
}
