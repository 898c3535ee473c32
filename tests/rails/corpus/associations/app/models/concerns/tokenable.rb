module Tokenable
  extend ActiveSupport::Concern

  included do
    validates :token, uniqueness: true
  end
end
