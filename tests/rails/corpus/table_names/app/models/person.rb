class Person < ApplicationRecord
  validates :email, uniqueness: true
end
