module Admin
  class AuditEntry < ApplicationRecord
    validates :reference, uniqueness: true
  end
end
