class Cactus < ApplicationRecord
  self.table_name_prefix = "garden_"
  self.table_name = "#{table_name_prefix}cacti#{table_name_suffix}"
  validates :name, uniqueness: true
end

class Succulent < ApplicationRecord
  validates :name, uniqueness: true
end
