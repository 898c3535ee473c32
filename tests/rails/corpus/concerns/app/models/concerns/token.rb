module Token
  extend ActiveSupport::Concern
  include Expiring

  included do
    validates :token,
      presence: true,
      uniqueness: {case_sensitive: false},
      length: {maximum: 30}
  end
end
