class Meeting < ApplicationRecord
  validates :slug, uniqueness: true, if: proc { |model| model.slug.present? }
end
