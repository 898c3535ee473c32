class Vehicle < ApplicationRecord
  validates :vin, uniqueness: true
end

class Truck < Vehicle
  validates :plate, uniqueness: { scope: :country }
end

module Fleet
  class Van < ::Vehicle
    validates :plate, uniqueness: true
  end
end
