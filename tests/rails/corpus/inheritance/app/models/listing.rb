class Listing < ApplicationRecord
  self.abstract_class = true
  validates :slug, uniqueness: true
end

class House < Listing
end

class Flat < Listing
  validates :number, uniqueness: { scope: :building_id }, allow_nil: true
end
