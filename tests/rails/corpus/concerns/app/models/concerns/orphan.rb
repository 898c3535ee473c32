# A concern no model includes: its rule reaches no table.
module Orphan
  extend ActiveSupport::Concern

  included do
    validates :code, uniqueness: true
  end
end
