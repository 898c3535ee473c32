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

}  // namespace

// Each corpus app holds model files of one theme, with the models file and
// the warnings the import must give for them (reviewed by hand against Rails).
TEST_CASE("Every corpus app imports to its expected rules and warnings", "[rails]") {
  const std::string name = GENERATE(as<std::string>{}, "incident_app", "uniqueness_forms", "associations",
                                    "table_names", "tolerance");
  CAPTURE(name);
  const RailsImport imported = import_rails_app(corpus(name));

  CHECK(write_models_yaml(imported.models) == read_file(corpus(name) + "/expected.yml"));
  CHECK(diagnostics_text(imported) == read_file(corpus(name) + "/expected_warnings.txt"));
}

TEST_CASE("The incident's model promises uniqueness per invitation with NULLs distinct", "[rails]") {
  const RailsImport imported = import_rails_app(corpus("incident_app"));

  REQUIRE(imported.models.size() == 2);
  const Model& entry = imported.models[0].model;
  CHECK(entry.name == "InvitationLogEntry");
  CHECK(entry.table == "invitation_log_entries");
  REQUIRE(entry.unique.size() == 1);
  CHECK(entry.unique[0].columns == std::vector<std::string>{"member_id", "invitation_type", "invitation_id"});
  CHECK(entry.unique[0].nulls == NullSemantics::distinct);
  CHECK(entry.unique[0].origin == "app/models/invitation_log_entry.rb:8");
}

TEST_CASE("A single table inheritance subclass shares its parent's table and sees only its own rows", "[rails]") {
  const RailsImport imported = import_rails_sources({
      {"app/models/vehicle.rb", "class Vehicle < ApplicationRecord\n  self.inheritance_column = :kind\nend\n"},
      {"app/models/truck.rb", "class Truck < Vehicle\n  validates :plate, uniqueness: true\nend\n"},
  });

  REQUIRE(imported.models.size() == 1);
  CHECK(imported.models[0].model.table == "vehicles");
  CHECK(imported.models[0].model.unique.at(0).condition == "kind = 'Truck'");
}

TEST_CASE("Simple conditions become SQL and the rest is refused", "[rails]") {
  const auto [ruby, sql] = GENERATE(table<std::string, std::string>({
      {"where(deleted_at: nil)", "deleted_at IS NULL"},
      {"where(status: 'active')", "status = 'active'"},
      {"where(status: :active, priority: 2)", "status = 'active' AND priority = 2"},
      {"where(name: \"O'Brien\")", "name = 'O''Brien'"},
      {"where(kind: %w[a b])", "kind IN ('a', 'b')"},
      {"where.not(archived_at: nil)", "archived_at IS NOT NULL"},
      {"where(visible: true).where.not(state: 'draft')", "(visible = true) AND (state <> 'draft')"},
      {"where(\"published_at IS NOT NULL\")", "published_at IS NOT NULL"},
      {"where(\"Weird Column\": 1)", "\"Weird Column\" = 1"},
  }));
  CAPTURE(ruby);
  CHECK(translate_conditions(ruby) == sql);
}

TEST_CASE("Conditions plumb cannot translate faithfully give no SQL", "[rails]") {
  const std::string ruby = GENERATE(as<std::string>{}, "where(\"created_at > ?\", 1.day.ago)",
                                    "where(created_at: 1.day.ago..)", "where(\"name = '#{NAME}'\")",
                                    "active", "where(workshop: { invitable: true })", "order(:id)");
  CAPTURE(ruby);
  CHECK_FALSE(translate_conditions(ruby).has_value());
}

TEST_CASE("An app root without app/models is refused as bad input", "[rails]") {
  CHECK_THROWS_AS(import_rails_app("/nonexistent/app"), InputError);
  CHECK_THROWS_WITH(import_rails_app("/nonexistent/app"),
                    "/nonexistent/app: no app/models folder (is it a Rails app's root?)");
}

}  // namespace plumb
