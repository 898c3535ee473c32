class Tag < ApplicationRecord
  self.inheritance_column = nil
  validates :name, uniqueness: {scope: [:type, :organization_id]}
end

class ItemTag < Tag
  validates :label, uniqueness: true
end
