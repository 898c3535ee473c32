class TicketCategory < ApplicationRecord
  validates :name, uniqueness: true
end
