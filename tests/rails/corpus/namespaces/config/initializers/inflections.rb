# Be sure to restart your server when you modify this file.

ActiveSupport::Inflector.inflections(:en) do |inflect|
  inflect.acronym "GitHub"
  inflect.acronym "OIDC"
  inflect.irregular "cactus", "cacti"
end
