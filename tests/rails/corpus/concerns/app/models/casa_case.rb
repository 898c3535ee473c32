class CasaCase < ApplicationRecord
  include ByOrganizationScope
  include CasaCase::Validations
end
