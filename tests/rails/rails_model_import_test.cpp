#include "rails/rails_model_import.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "rails/models_yaml_writer.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

std::string corpus(const std::string& name) { return std::string(PLUMB_SOURCE_DIR) + "/tests/rails/corpus/" + name; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string diagnostics_text(const RailsImport& imported) {
  std::string text;
  for (const auto& diagnostic : imported.diagnostics) text += diagnostic.to_string() + "\n";
  return text;
}

// "Model table: columns where ... [conditional]" per rule, for compact expectations.
std::vector<std::string> summary(const RailsImport& imported) {
  std::vector<std::string> lines;
  for (const auto& model : imported.models)
    for (const auto& rule : model.unique) {
      std::string line = model.name + " " + model.table + ":";
      for (const auto& column : rule.columns) line += " " + column;
      if (rule.condition) line += " where " + *rule.condition;
      if (rule.conditional) line += " [" + *rule.conditional + "]";
      lines.push_back(line);
    }
  return lines;
}

const char* const k_application_record =
    "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n";

}  // namespace

// Each corpus app holds model files of one theme, with the models file and
// the warnings the import must give for them (written by hand from Rails'
// behaviour, not from plumb's output).
TEST_CASE("Every corpus app imports to its expected rules and warnings", "[rails]") {
  const std::string name = GENERATE(as<std::string>{}, "incident_app", "uniqueness_forms", "associations",
                                    "table_names", "tolerance", "namespaces", "concerns", "inheritance", "devise_app");
  CAPTURE(name);
  const RailsImport imported = import_rails_app(corpus(name));

  CHECK(write_models_yaml(imported.models) == read_file(corpus(name) + "/expected.yml"));
  CHECK(diagnostics_text(imported) == read_file(corpus(name) + "/expected_warnings.txt"));
}

TEST_CASE("With primary_abstract_class in ApplicationRecord every model's table is its own", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/application_record.rb", k_application_record},
      {"app/models/member.rb", "class Member < ApplicationRecord\n  validates :email, uniqueness: true\nend\n"},
      {"app/models/group.rb", "class Group < ApplicationRecord\n  validates :name, uniqueness: true\nend\n"},
  });

  CHECK(summary(imported) == std::vector<std::string>{"Group groups: name", "Member members: email"});
  CHECK(imported.diagnostics.empty());
}

TEST_CASE("A compact class name takes its module's table_name_prefix and the app's acronyms", "[rails]") {
  const RailsImport imported = import_rails_sources(
      {
          {"app/models/admin.rb", "module Admin\n  def self.table_name_prefix\n    \"admin_\"\n  end\nend\n"},
          {"app/models/admin/github_user.rb",
           "class Admin::GitHubUser < ApplicationRecord\n  validates :github_id, uniqueness: true\nend\n"},
      },
      {{"config/initializers/inflections.rb",
        "ActiveSupport::Inflector.inflections(:en) do |inflect|\n  inflect.acronym \"GitHub\"\nend\n"}});

  CHECK(summary(imported) == std::vector<std::string>{"Admin::GitHubUser admin_github_users: github_id"});
}

TEST_CASE("A concern's uniqueness validation gives a rule on each model that includes it", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/concerns/tokenable.rb",
       "module Tokenable\n  extend ActiveSupport::Concern\n\n  included do\n    validates :token, uniqueness: true\n  end\nend\n"},
      {"app/models/invitation.rb", "class Invitation < ApplicationRecord\n  include Tokenable\nend\n"},
      {"app/models/meeting_invitation.rb", "class MeetingInvitation < ApplicationRecord\n  include Tokenable\nend\n"},
  });

  CHECK(summary(imported) == std::vector<std::string>{"Invitation invitations: token",
                                                      "MeetingInvitation meeting_invitations: token"});
  CHECK(imported.models.at(0).unique.at(0).origin == "app/models/concerns/tokenable.rb:5");
}

TEST_CASE("A single table inheritance rule covers the declaring class's whole subtree", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/group.rb", "class Group < ApplicationRecord\n  validates :name, uniqueness: true\nend\n"},
      {"app/models/team.rb", "class Team < Group\n  self.inheritance_column = :kind\n  validates :code, uniqueness: true\nend\n"},
      {"app/models/squad.rb", "class Squad < Team\nend\n"},
      {"app/models/admin/squad.rb", "class Admin::Squad < Squad\nend\n"},
  });

  CHECK(summary(imported) == std::vector<std::string>{
                                 "Group groups: name",
                                 "Team groups: code where kind IN ('Team', 'Admin::Squad', 'Squad')"});
}

TEST_CASE("A class named like its superclass inherits from the outer class, not from itself", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/user.rb", "class User < ApplicationRecord\n  validates :email, uniqueness: true\nend\n"},
      {"app/models/admin/user.rb", "module Admin\n  class User < User\n    validates :login, uniqueness: true\n  end\nend\n"},
  });

  CHECK(summary(imported) == std::vector<std::string>{"Admin::User users: login where type = 'Admin::User'",
                                                      "User users: email"});
}

TEST_CASE("An allow_nil rule skips NULL in its attribute and keeps NULL equal in its scope", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/entry.rb",
       "class Entry < ApplicationRecord\n  belongs_to :invitation, polymorphic: true\n"
       "  validates :member_id, uniqueness: { scope: :invitation }, allow_nil: true\n"
       "  validates :email, uniqueness: { case_sensitive: false }, allow_blank: true\nend\n"},
  });

  REQUIRE(imported.models.size() == 1);
  const auto& rules = imported.models[0].unique;
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].columns == std::vector<std::string>{"member_id", "invitation_type", "invitation_id"});
  CHECK(rules[0].nulls == NullSemantics::not_distinct);
  CHECK(rules[0].skip_when_null == std::vector<std::string>{"member_id"});
  CHECK(rules[1].skip_when_blank == std::vector<std::string>{"email"});
  CHECK(rules[1].skip_when_null.empty());
  CHECK(rules[1].case_insensitive == std::vector<std::string>{"email"});
}

TEST_CASE("A table name plumb cannot evaluate is a warning naming the model, never a guess", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/user.rb",
       "class User < ApplicationRecord\n  self.table_name = \"#{Tenant.current}_users\"\n"
       "  validates :email, uniqueness: true\nend\n"},
  });

  CHECK(imported.models.empty());
  CHECK(diagnostics_text(imported) ==
        "app/models/user.rb:1: User: cannot evaluate its table name (#{Tenant.current} in self.table_name); "
        "its uniqueness rules are not imported\n");
}

TEST_CASE("An app root without app/models is refused as bad input", "[rails]") {
  CHECK_THROWS_AS(import_rails_app("/nonexistent/app"), InputError);
  CHECK_THROWS_WITH(import_rails_app("/nonexistent/app"),
                    "/nonexistent/app: no app/models folder (is it a Rails app's root?)");
}

}  // namespace plumb
