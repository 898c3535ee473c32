class WorkshopInvitation < ApplicationRecord
  belongs_to :workshop
  belongs_to :member
  has_secure_token

  validates :member_id, uniqueness: { scope: %i[workshop_id role] }
end
