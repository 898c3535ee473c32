class Member < ApplicationRecord
  # Two attributes in one line: one rule each.
  validates :email, :username, uniqueness: { case_sensitive: false }, presence: true
  validates :slug, uniqueness: true, allow_blank: true
  validates_uniqueness_of :api_token, allow_nil: true
  validates :nickname, uniqueness: { scope: :chapter_id, conditions: -> { where(deleted_at: nil) } }
end
