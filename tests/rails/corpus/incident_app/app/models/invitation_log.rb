class InvitationLog < ApplicationRecord
  belongs_to :loggable, polymorphic: true
  has_many :entries, class_name: "InvitationLogEntry", dependent: :destroy

  def fail_batch(error)
    update!(status: :failed, error_message: error.message)
  end
end
