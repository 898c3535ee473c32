module Agents
  class EmailAgent < Agent
  end
end
