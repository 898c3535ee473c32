class Admin::GitHubUser < ApplicationRecord
  validates :github_id, presence: true, uniqueness: true
end
