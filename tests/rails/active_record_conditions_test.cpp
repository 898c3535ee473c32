#include "rails/active_record_conditions.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("Simple conditions become SQL", "[rails]") {
  const auto [ruby, sql] = GENERATE(table<std::string, std::string>({
      {"where(deleted_at: nil)", "deleted_at IS NULL"},
      {"where(status: 'active')", "status = 'active'"},
      {"where(status: :active, priority: 2)", "status = 'active' AND priority = 2"},
      {"where(name: \"O'Brien\")", "name = 'O''Brien'"},
      {"where(kind: %w[a b])", "kind IN ('a', 'b')"},
      {"where.not(archived_at: nil)", "archived_at IS NOT NULL"},
      {"where.not(a: 1, b: 2)", "NOT (a = 1 AND b = 2)"},
      {"where(visible: true).where.not(state: 'draft')", "(visible = true) AND (state <> 'draft')"},
      {"where(\"published_at IS NOT NULL\")", "published_at IS NOT NULL"},
      {"where(\"Weird Column\": 1)", "\"Weird Column\" = 1"},
  }));
  CAPTURE(ruby);
  CHECK(translate_conditions(ruby) == sql);
}

TEST_CASE("Conditions plumb cannot translate faithfully give no SQL", "[rails]") {
  const std::string ruby = GENERATE(as<std::string>{}, "where(\"created_at > ?\", 1.day.ago)",
                                    "where(created_at: 1.day.ago..)", "where(\"name = '#{NAME}'\")", "active",
                                    "where(workshop: { invitable: true })", "order(:id)", "where(a: 1).order(:id)",
                                    "where(a: 1", "unexpired.where(a: 1)");
  CAPTURE(ruby);
  CHECK_FALSE(translate_conditions(ruby).has_value());
}

}  // namespace plumb
