class Agent < ActiveRecord::Base
  belongs_to :user
  validates :name, uniqueness: { scope: :user }
end
