class LegacyUser < ApplicationRecord
  self.table_name = "auth.users_v1"
  validates :login, uniqueness: true
end
