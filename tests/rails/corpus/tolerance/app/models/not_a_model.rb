class FormObject
  include ActiveModel::Validations
  validates :email, uniqueness: true
end
