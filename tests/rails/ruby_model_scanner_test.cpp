#include "rails/ruby_model_scanner.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("A model's class parent associations and validation lines are scanned", "[rails]") {
  const RubyModelFile scanned = scan_ruby_models(
      "module Events\n"
      "  class InvitationLogEntry < ApplicationRecord\n"
      "    belongs_to :invitation, polymorphic: true\n"
      "    validates :member_id,\n"
      "              uniqueness: { scope: %i[invitation_type invitation_id] },\n"
      "              allow_nil: true\n"
      "  end\n"
      "end\n",
      "app/models/events/invitation_log_entry.rb");

  CHECK(scanned.diagnostics.empty());
  REQUIRE(scanned.classes.size() == 1);
  const RubyClass& klass = scanned.classes[0];
  CHECK(klass.name == "Events::InvitationLogEntry");
  CHECK(klass.parent == "ApplicationRecord");
  CHECK(klass.enclosing == std::vector<std::string>{"Events"});
  REQUIRE(klass.associations.size() == 1);
  CHECK(klass.associations[0].foreign_type == "invitation_type");
  REQUIRE(klass.validations.size() == 1);
  CHECK(klass.validations[0].line == 4);
  CHECK(klass.validations[0].attributes == std::vector<std::string>{"member_id"});
  CHECK(klass.validations[0].options.find("allow_nil")->is_true());
}

TEST_CASE("Comments strings heredocs and block comments that look like validations are ignored", "[rails]") {
  const RubyModelFile scanned = scan_ruby_models(
      "class Post < ApplicationRecord\n"
      "  # validates :a, uniqueness: true\n"
      "  NOTE = \"validates :b, uniqueness: true # not a comment\"\n"
      "  SQL = <<~SQL\n"
      "    validates :c, uniqueness: true\n"
      "  SQL\n"
      "=begin\n"
      "validates :d, uniqueness: true\n"
      "=end\n"
      "  validates :e, uniqueness: true # a real one\n"
      "end\n",
      "post.rb");

  CHECK(scanned.diagnostics.empty());
  REQUIRE(scanned.classes.at(0).validations.size() == 1);
  CHECK(scanned.classes[0].validations[0].attributes == std::vector<std::string>{"e"});
  CHECK(scanned.classes[0].validations[0].line == 10);
}

TEST_CASE("Ruby that cannot be read is reported with file and line and the rest is still scanned", "[rails]") {
  const RubyModelFile scanned = scan_ruby_models(
      "class Post < ApplicationRecord\n"
      "  validates :a, uniqueness: { scope: [:b, }\n"
      "  validates :c, uniqueness: { scope: :d ]\n"
      "  validates 'e' + f, uniqueness: true\n"
      "  validates :g, uniqueness: true\n"
      "end\n"
      "end\n",
      "app/models/post.rb");

  std::vector<std::string> messages;
  for (const auto& diagnostic : scanned.diagnostics) messages.push_back(diagnostic.to_string());
  CHECK(messages == std::vector<std::string>{
                        "app/models/post.rb:2: unbalanced brackets; this statement is skipped",
                        "app/models/post.rb:3: cannot read this statement (expected ',' or '}' in a hash); skipped",
                        "app/models/post.rb:4: cannot read this statement (unexpected '+ f, uniqueness: tru'); skipped",
                        "app/models/post.rb:7: 'end' without a block to close; ignored",
                    });
  REQUIRE(scanned.classes.at(0).validations.size() == 1);
  CHECK(scanned.classes[0].validations[0].attributes == std::vector<std::string>{"g"});
}

TEST_CASE("Table naming declarations are read from classes and modules", "[rails]") {
  const RubyModelFile scanned = scan_ruby_models(
      "module Admin\n"
      "  def self.table_name_prefix = \"admin_\"\n"
      "end\n"
      "class Legacy < ActiveRecord::Base; self.table_name = 'old_things'; end\n"
      "class Base < ActiveRecord::Base\n"
      "  self.abstract_class = true\n"
      "  self.table_name_suffix = \"_v2\"\n"
      "end\n",
      "naming.rb");

  CHECK(scanned.diagnostics.empty());
  REQUIRE(scanned.namespaces.size() == 1);
  CHECK(scanned.namespaces[0].table_name_prefix == "admin_");
  REQUIRE(scanned.classes.size() == 2);
  CHECK(scanned.classes[0].table_name == "old_things");
  CHECK(scanned.classes[1].abstract_class);
  CHECK(scanned.classes[1].table_name_suffix == "_v2");
}

}  // namespace plumb
