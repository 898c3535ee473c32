require "active_support/concern"

module CasaCase::Validations
  extend ActiveSupport::Concern

  included do
    validates :birth_month_year_youth, comparison: {
      less_than_or_equal_to: -> { Time.now.end_of_day },
      allow_nil: true
    }
    validates :case_number, uniqueness: {scope: :casa_org_id, case_sensitive: false}, presence: true
  end
end
