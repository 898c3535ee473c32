module InvitationConcerns
  extend ActiveSupport::Concern

  included do
    belongs_to :member
    has_secure_token

    validates :token, uniqueness: true
  end
end
