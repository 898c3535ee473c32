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
      {"page2", "page2s"},
      {"bench_model12", "bench_model12s"},
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

// A rule is skipped for a word whose last letter its pattern cannot end
// with: each rule below can end in more than its last letter.
TEST_CASE("An app's rules apply to every word they match, whatever their last atom", "[rails]") {
  RailsInflector inflector;
  inflector.plural("(kilo)(gram)?$", "\\1grams");  // an optional last group
  inflector.plural("(wom)a.$", "\\1en");          // any character
  inflector.plural("^zed$|^zap", "zeds");          // alternatives of the whole pattern
  inflector.plural("(cod)[^x]$", "\\1ices");      // a negated class
  inflector.plural("(pri)(?:ce|zes?)$", "\\1zes");  // a non-capturing group
  inflector.plural("(dat)\\w$", "\\1a");           // an escape

  CHECK(inflector.pluralize("kilo") == "kilograms");
  CHECK(inflector.pluralize("kilogram") == "kilograms");
  CHECK(inflector.pluralize("woman") == "women");
  CHECK(inflector.pluralize("zap1") == "zeds1");
  CHECK(inflector.pluralize("code") == "codices");
  CHECK(inflector.pluralize("prize") == "prizes");
  CHECK(inflector.pluralize("price") == "prizes");
  CHECK(inflector.pluralize("prizes") == "prizes");
  CHECK(inflector.pluralize("datum") == "data");
  CHECK(inflector.pluralize("dat1") == "data");
}

}  // namespace plumb
