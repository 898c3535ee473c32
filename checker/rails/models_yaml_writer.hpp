// ModelsYamlWriter: the `models` part of a rules file, as YAML text, from
// imported models. Every scalar is written plain only when it is a plain
// name, else double-quoted with YAML's escapes, so no class name, path or
// condition, whatever it holds (quotes, newlines, `#`), can change the
// file's structure.
#pragma once

#include <string>
#include <vector>

#include "vocabulary/model.hpp"

namespace plumb {

// The YAML text: a header comment, then `models:` with one entry per model
// in the order given, each rule with the keys of ../shared/models-format.md
// that it sets. Deterministic, so that `--check` can compare it with a
// committed file.
std::string write_models_yaml(const std::vector<Model>& models);

}  // namespace plumb
