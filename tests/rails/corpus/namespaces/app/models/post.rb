class Post < ApplicationRecord
  validates :slug, uniqueness: true
end

class Post::Revision < ApplicationRecord
  validates :number, uniqueness: { scope: :post_id }
end
