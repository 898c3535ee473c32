module OIDC
  module TrustedPublisher
    class GitHubAction < ApplicationRecord
      validates :repository_name, uniqueness: { scope: %i[repository_owner workflow_filename] }
    end
  end
end
