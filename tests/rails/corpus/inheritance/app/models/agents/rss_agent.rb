module Agents
  class RssAgent < WebsiteAgent
  end
end
