# A file the grammar cannot read, with no uniqueness validation in it.
class HalfWritten < ApplicationRecord
  def broken(
end
