module Cms
  class HTMLPage < ApplicationRecord
    self.table_name_prefix = "cms_"
    validates :path, uniqueness: true
  end
end
