#include "rails/rails_inflector.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("Class names become table names by Rails' default inflections", "[rails]") {
  const auto [class_name, table_name] = GENERATE(table<std::string, std::string>({
      {"InvitationLogEntry", "invitation_log_entries"},
      {"WorkshopInvitation", "workshop_invitations"},
      {"Person", "people"},
      {"SalesPerson", "sales_people"},
      {"Child", "children"},
      {"Status", "statuses"},
      {"Address", "addresses"},
      {"Bus", "buses"},
      {"Box", "boxes"},
      {"Church", "churches"},
      {"Category", "categories"},
      {"Day", "days"},
      {"Wife", "wives"},
      {"Half", "halves"},
      {"Hive", "hives"},
      {"Analysis", "analyses"},
      {"Datum", "data"},
      {"Octopus", "octopi"},
      {"Matrix", "matrices"},
      {"Index", "indices"},
      {"Mouse", "mice"},
      {"Ox", "oxen"},
      {"Quiz", "quizzes"},
      {"Tomato", "tomatoes"},
      {"Equipment", "equipment"},
      {"Sheep", "sheep"},
      {"News", "news"},
      {"HTMLPage", "html_pages"},
      {"Admin::AuditEntry", "audit_entries"},
  }));
  CAPTURE(class_name);
  CHECK(table_name_for_class(class_name) == table_name);
}

TEST_CASE("Underscore splits acronyms and words as ActiveSupport does", "[rails]") {
  CHECK(underscore("InvitationLogEntry") == "invitation_log_entry");
  CHECK(underscore("HTMLPage") == "html_page");
  CHECK(underscore("Page2Version") == "page2_version");
}

}  // namespace plumb
