class InvitationToken < ApplicationRecord
  include Token
  self.table_name = :tokens
end
