class Subscription < ApplicationRecord
  validates :member_id,
            uniqueness: {
              scope: [:group_id, :kind],
              message: "already subscribed"
            }
  validates :token, uniqueness: { scope: %w[group_id], conditions: -> { where(active: true, kind: "email") } }
  validates_uniqueness_of :position, :rank, scope: :group_id, allow_nil: true
  validates :code, uniqueness: { conditions: -> { where.not(archived_at: nil).where(state: %w[open held]) } }
  validates :name, presence: true, length: { maximum: 40 }
end
