class OIDC::Provider < ApplicationRecord
  validates :issuer, uniqueness: { ignore_case: true }
end
