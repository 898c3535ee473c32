class Equipment < ApplicationRecord
  validates :serial, uniqueness: true
end
