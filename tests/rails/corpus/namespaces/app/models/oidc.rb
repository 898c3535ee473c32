module OIDC
  def self.table_name_prefix
    "oidc_"
  end
end
