class CasaAdmin < User
end
