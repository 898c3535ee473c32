#include "rails/ruby_model_reader.hpp"

#include <catch2/catch.hpp>

namespace plumb {
namespace {

std::string diagnostics_text(const RubyModelFile& file) {
  std::string text;
  for (const auto& diagnostic : file.diagnostics) text += diagnostic.to_string() + "\n";
  return text;
}

const RubyDefinition& only_definition(const RubyModelFile& file) {
  REQUIRE(file.definitions.size() == 1);
  return file.definitions[0];
}

}  // namespace

// Each statement held a regex literal, a Proc or a do...end block that the
// hand-written scanner could not read; all are plain syntax to the parser.
TEST_CASE("Validations with regex literals, procs and blocks are each read", "[rails]") {
  const auto [statement, attribute] = GENERATE(table<std::string, std::string>({
      {"validates :email, presence: true, format: { with: /\\A[^@ ]+@[^@ ]+\\z/ }, uniqueness: { case_sensitive: false }",
       "email"},
      {"validates_uniqueness_of :login, :if => Proc.new { |user| user.login.present? }, :case_sensitive => false", "login"},
      {"validates :slug,\n    uniqueness: { scope: :site_id },\n    exclusion: { in: ->(record) do\n      record.reserved\n    end }",
       "slug"},
  }));
  CAPTURE(statement);
  const RubyModelFile file = read_ruby_models("class User < ApplicationRecord\n  " + statement + "\nend\n", "app/models/user.rb");

  const RubyDefinition& user = only_definition(file);
  REQUIRE(user.validations.size() == 1);
  CHECK(user.validations[0].attributes == std::vector<std::string>{attribute});
  CHECK(user.validations[0].line == 2);
  CHECK(diagnostics_text(file).empty());
}

TEST_CASE("Class and module definitions get their full names, however they are nested", "[rails]") {
  const RubyModelFile file = read_ruby_models(
      "module Admin\n  class GitHubUser < ApplicationRecord; end\nend\n"
      "class Admin::Team < Admin::Base\nend\n"
      "module OIDC\n  module TrustedPublisher\n    class GitHubAction < ::ApplicationRecord\n    end\n  end\nend\n",
      "app/models/a.rb");

  std::vector<std::string> names;
  for (const auto& definition : file.definitions) names.push_back(definition.name + " < " + definition.parent);
  CHECK(names == std::vector<std::string>{"Admin < ", "Admin::GitHubUser < ApplicationRecord", "Admin::Team < Admin::Base",
                                          "OIDC < ", "OIDC::TrustedPublisher < ",
                                          "OIDC::TrustedPublisher::GitHubAction < ::ApplicationRecord"});
}

TEST_CASE("Class settings that decide the table are read", "[rails]") {
  const RubyModelFile file = read_ruby_models(
      "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\n"
      "  self.table_name = \"#{table_name_prefix}users#{table_name_suffix}\"\n"
      "  self.inheritance_column = nil\n  self.pluralize_table_names = false\n"
      "  def self.table_name_prefix\n    \"app_\"\n  end\nend\n",
      "app/models/application_record.rb");

  const RubyDefinition& record = only_definition(file);
  CHECK(record.abstract_class);
  CHECK(record.table_name_prefix == "app_");
  CHECK(record.inheritance_column == "");
  CHECK(record.pluralize_table_names == false);
  REQUIRE(record.table_name.has_value());
  REQUIRE(record.table_name->size() == 3);
  CHECK((*record.table_name)[0].text == "table_name_prefix");
  CHECK((*record.table_name)[1].text == "users");
}

TEST_CASE("with_options and a concern's included block give their validations", "[rails]") {
  const RubyModelFile file = read_ruby_models(
      "module Tokenable\n  extend ActiveSupport::Concern\n  included do\n    validates :token, uniqueness: true\n"
      "    belongs_to :owner, polymorphic: true\n  end\nend\n"
      "class Member < ApplicationRecord\n  include Tokenable\n"
      "  with_options allow_nil: true, if: :active? do |member|\n    member.validates :code, uniqueness: { scope: :owner }\n"
      "  end\nend\n",
      "app/models/x.rb");

  REQUIRE(file.definitions.size() == 2);
  const RubyDefinition& concern = file.definitions[0];
  REQUIRE(concern.validations.size() == 1);
  CHECK(concern.validations[0].attributes == std::vector<std::string>{"token"});
  CHECK(concern.associations.at(0).foreign_type == "owner_type");
  const RubyDefinition& member = file.definitions[1];
  CHECK(member.includes == std::vector<std::string>{"Tokenable"});
  REQUIRE(member.validations.size() == 1);
  CHECK(member.validations[0].allow_nil);
  CHECK(member.validations[0].scope == std::vector<std::string>{"owner"});
  CHECK(member.validations[0].conditional == std::vector<std::string>{"if: :active?"});
  CHECK(diagnostics_text(file).empty());
}

TEST_CASE("Devise's :validatable declares a unique email", "[rails]") {
  const RubyModelFile file = read_ruby_models(
      "class User < ApplicationRecord\n  devise :database_authenticatable,\n         :recoverable, :validatable\nend\n",
      "app/models/user.rb");

  const RubyDefinition& user = only_definition(file);
  REQUIRE(user.validations.size() == 1);
  CHECK(user.validations[0].attributes == std::vector<std::string>{"email"});
  CHECK(user.validations[0].allow_blank);
  CHECK_FALSE(user.validations[0].case_insensitive);
  CHECK(user.validations[0].conditional == std::vector<std::string>{"if: :will_save_change_to_email?"});
  CHECK(user.validations[0].line == 2);
}

TEST_CASE("Every uniqueness in the code ends as a validation or a warning naming the model and line", "[rails]") {
  const RubyModelFile file = read_ruby_models(
      "class Post < ApplicationRecord\n"                                                   // 1
      "  validates :email, normalized_uniqueness: true\n"                                  // 2
      "  validate :title_uniqueness\n"                                                     // 3
      "  validates :slug, uniqueness: { ignore_case: true }\n"                             // 4
      "  validates :code, uniqueness: { scope: some_columns }\n"                           // 5
      "  validates :uid, uniqueness: { conditions: -> { active } }\n"                      // 6
      "  validates_with UniquenessOfPairValidator\n"                                       // 7
      "  # validates :commented, uniqueness: true\n"                                       // 8
      "  DOC = \"validates :quoted, uniqueness: true\"\n"                                   // 9
      "  def title_uniqueness\n    errors.add(:title) if false\n  end\n"                 // 10-12
      "  validates :broken, uniqueness: { scope: [:blog_id, }\n"                           // 13
      "end\n",
      "app/models/post.rb");

  CHECK(diagnostics_text(file) ==
        "app/models/post.rb:2: Post: custom validator normalized_uniqueness: is app code plumb cannot import; "
        "the uniqueness it checks is not in the models file\n"
        "app/models/post.rb:3: Post: custom validation title_uniqueness is app code plumb cannot import; "
        "the uniqueness it checks is not in the models file\n"
        "app/models/post.rb:4: Post: unknown uniqueness option ignore_case: (Rails ignores it); the rule is imported "
        "without it\n"
        "app/models/post.rb:5: Post: uniqueness validation not imported: scope: some_columns is not a list of column "
        "names\n"
        "app/models/post.rb:6: Post: cannot translate conditions: -> { active } to SQL; the rule is imported as "
        "conditional on it\n"
        "app/models/post.rb:7: Post: custom validation UniquenessOfPairValidator is app code plumb cannot import; "
        "the uniqueness it checks is not in the models file\n"
        "app/models/post.rb:13: Post: Ruby syntax plumb cannot parse here; the uniqueness validation in it is lost\n");
  std::vector<std::string> imported;
  for (const auto& validation : only_definition(file).validations) imported.push_back(validation.attributes.at(0));
  CHECK(imported == std::vector<std::string>{"slug", "uid"});
  CHECK(file.syntax_error_line == 13);
}

}  // namespace plumb
