class InvitationLogEntry < ApplicationRecord
  belongs_to :invitation_log
  belongs_to :member
  belongs_to :invitation, polymorphic: true

  enum :status, { success: "success", failed: "failed", skipped: "skipped" }

  validates :member_id, uniqueness: { scope: %i[invitation_type invitation_id] }, allow_nil: true
end
