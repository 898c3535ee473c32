#include "rails/rails_app_config.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("The app's inflections and Active Record settings are read from config", "[rails]") {
  const RailsAppConfig config = read_rails_app_config({
      {"config/application.rb",
       "module Shop\n  class Application < Rails::Application\n"
       "    config.active_record.pluralize_table_names = false\n"
       "    config.active_record.table_name_prefix = \"shop_\"\n  end\nend\n"},
      {"config/initializers/inflections.rb",
       "ActiveSupport::Inflector.inflections(:en) do |inflect|\n"
       "  # inflect.acronym \"RESTful\"\n"
       "  inflect.acronym \"GitHub\"\n  inflect.irregular 'drive', 'drives'\n"
       "  inflect.uncountable %w( metadata )\n  inflect.plural /^(ox)$/i, '\\1es'\n"
       "  inflect.plural /^(#{WORD})$/i, 'x'\nend\n"},
  });

  CHECK(config.pluralize_table_names == false);
  CHECK(config.table_name_prefix == "shop_");
  CHECK(config.inflector.underscore("GitHubUser") == "github_user");
  CHECK(config.inflector.underscore("RESTfulThing") == "res_tful_thing");
  CHECK(config.inflector.pluralize("drive") == "drives");
  CHECK(config.inflector.pluralize("metadata") == "metadata");
  CHECK(config.inflector.pluralize("ox") == "oxes");
  REQUIRE(config.diagnostics.size() == 1);
  CHECK(config.diagnostics[0].to_string() ==
        "config/initializers/inflections.rb:7: cannot read the inflection rule inflect.plural /^(#{WORD})$/i, 'x'; "
        "table names are derived without it");
}

}  // namespace plumb
