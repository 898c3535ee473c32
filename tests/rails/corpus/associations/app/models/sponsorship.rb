class Sponsorship < ApplicationRecord
  belongs_to :workshop
  belongs_to :sponsor, foreign_key: :company_id
  belongs_to :sponsorable, polymorphic: true

  validates :sponsor, uniqueness: { scope: :workshop }
  validates :level, uniqueness: { scope: [:sponsorable, :year] }
end
