class Link < ApplicationRecord
  belongs_to :from_story, class_name: "Story", optional: true
  belongs_to :from_comment, class_name: "Comment", optional: true
  belongs_to :to_comment, class_name: "Comment", optional: true

  validates :url, uniqueness: {scope: [:from_story, :from_comment]}
  validates :to_comment, uniqueness: {scope: [:from_story, :from_comment]}, if: ->(l) { l.to_comment.present? }
end
