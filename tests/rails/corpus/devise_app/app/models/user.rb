class User < ApplicationRecord
  devise :database_authenticatable, :registerable,
         :recoverable, :rememberable, :trackable, :validatable, :lockable,
         :omniauthable, omniauth_providers: %i[github]

  validates :username,
    presence: true,
    uniqueness: { case_sensitive: false },
    format: {
      with: /\A[a-zA-Z0-9_-]{3,190}\Z/,
      message: "can only contain letters, numbers, underscores, and dashes"
    }
  validates :invitation_code, inclusion: { in: %w[a b] }, if: -> { !requires_no_invitation_code? }, on: :create
  validates :handle, uniqueness: { case_sensitive: false }, allow_nil: true, if: :handle_changed?
end
