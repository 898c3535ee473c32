class WorkshopInvitation < ApplicationRecord
  include InvitationConcerns
  belongs_to :workshop

  validates :member_id, uniqueness: { scope: %i[workshop_id role] }
end
