module Expiring
  extend ActiveSupport::Concern

  included do
    validates :expires_at, presence: true
  end
end
