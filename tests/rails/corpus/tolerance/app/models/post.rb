class Post < ApplicationRecord
  # validates :title, uniqueness: true
  DESCRIPTION = "validates :body, uniqueness: true"
  QUERY = <<~SQL
    validates :summary, uniqueness: true
  SQL
=begin
  validates :excerpt, uniqueness: true
=end

  validates :slug, uniqueness: { scope: :blog_id, conditions: -> { where("published_at > ?", 1.week.ago) } }
  validates :permalink, uniqueness: true, if: :published?
  validates :broken, uniqueness: { scope: [:blog_id, }
  validates :position, uniqueness: { scope: :blog_id }

  with_options if: :published? do
    validates :canonical_url, uniqueness: true
  end

  def publish!
    update!(published_at: Time.current) if draft?
  end
end
