#include "rails/rails_inflector.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("Words are pluralized and singularized by Rails' default inflections", "[rails]") {
  const auto [singular, plural] = GENERATE(table<std::string, std::string>({
      {"invitation_log_entry", "invitation_log_entries"},
      {"person", "people"},
      {"sales_person", "sales_people"},
      {"child", "children"},
      {"status", "statuses"},
      {"address", "addresses"},
      {"bus", "buses"},
      {"box", "boxes"},
      {"church", "churches"},
      {"category", "categories"},
      {"day", "days"},
      {"wife", "wives"},
      {"half", "halves"},
      {"hive", "hives"},
      {"analysis", "analyses"},
      {"datum", "data"},
      {"octopus", "octopi"},
      {"matrix", "matrices"},
      {"mouse", "mice"},
      {"ox", "oxen"},
      {"quiz", "quizzes"},
      {"tomato", "tomatoes"},
      {"equipment", "equipment"},
      {"sheep", "sheep"},
      {"news", "news"},
      {"html_page", "html_pages"},
  }));
  const RailsInflector inflector;
  CAPTURE(singular);
  CHECK(inflector.pluralize(singular) == plural);
  CHECK(inflector.singularize(plural) == singular);
}

TEST_CASE("Underscore splits acronyms and words as ActiveSupport does", "[rails]") {
  const RailsInflector inflector;
  CHECK(inflector.underscore("InvitationLogEntry") == "invitation_log_entry");
  CHECK(inflector.underscore("HTMLPage") == "html_page");
  CHECK(inflector.underscore("Page2Version") == "page2_version");
  CHECK(inflector.underscore("GitHubUser") == "git_hub_user");
}

TEST_CASE("An app's acronyms, irregulars, uncountables and rules change the words", "[rails]") {
  RailsInflector inflector;
  inflector.acronym("GitHub");
  inflector.acronym("OIDC");
  inflector.irregular("drive", "drives");
  inflector.irregular("cactus", "cacti");
  inflector.uncountable("metadata");
  inflector.plural("^(ox)$", "\\1es");
  inflector.plural("\\A(bonus)\\z", "\\1ses");

  CHECK(inflector.underscore("GitHubUser") == "github_user");
  CHECK(inflector.underscore("AdminGitHubUser") == "admin_github_user");
  CHECK(inflector.underscore("OIDCProvider") == "oidc_provider");
  CHECK(inflector.underscore("GitHubber") == "git_hubber");
  CHECK(inflector.pluralize("test_drive") == "test_drives");
  CHECK(inflector.pluralize("cactus") == "cacti");
  CHECK(inflector.singularize("cacti") == "cactus");
  CHECK(inflector.pluralize("metadata") == "metadata");
  CHECK(inflector.pluralize("ox") == "oxes");
  CHECK(inflector.pluralize("bonus") == "bonusses");
}

}  // namespace plumb
