module Agents
  class WebsiteAgent < Agent
    validates :url, uniqueness: { scope: :user_id }
  end
end
