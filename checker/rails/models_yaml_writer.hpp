// ModelsYamlWriter: the `models` part of a rules file, as text, from
// imported models, with a comment on each rule naming where the app declares it.
#pragma once

#include <string>
#include <vector>

#include "rails/rails_model_import.hpp"

namespace plumb {

// The YAML text: a header comment, then `models:` with one entry per model
// in the order given. Rules carry `origin:` and, as comments, the source
// line and anything plumb could not translate. Deterministic, so that
// `--check` can compare it with a committed file.
std::string write_models_yaml(const std::vector<ImportedModel>& models);

}  // namespace plumb
