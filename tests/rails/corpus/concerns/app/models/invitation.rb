class Invitation < ApplicationRecord
  include InvitationConcerns

  validates :member_id, uniqueness: { scope: %i[event_id role] }
end
