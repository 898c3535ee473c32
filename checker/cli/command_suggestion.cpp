#include "cli/command_suggestion.hpp"

#include <algorithm>

namespace plumb::cli {
namespace {

// Levenshtein distance: typos are a letter missing, extra, wrong or two
// swapped (a swap counts two, which the threshold allows).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> command_names(const CLI::App& level) {
  std::vector<std::string> names;
  for (const CLI::App* command : level.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

// The option `word` names at `level` or, as global options fall through,
// above it.
const CLI::Option* find_option(const CLI::App& level, const std::string& word) {
  const std::string name = word.substr(0, word.find('='));
  for (const CLI::App* app = &level; app != nullptr; app = app->get_parent())
    if (const CLI::Option* option = app->get_option_no_throw(name)) return option;
  return nullptr;
}

bool takes_separate_value(const CLI::App& level, const std::string& word) {
  if (word.find('=') != std::string::npos) return false;
  const CLI::Option* option = find_option(level, word);
  return option != nullptr && option->get_type_size_max() > 0;
}

std::string unknown_command_line(const std::string& path, const std::string& typed,
                                 const std::vector<std::string>& names) {
  const std::string line = "unknown command '" + path + typed + "'";
  if (const auto suggestion = closest_name(typed, names)) return line + "; did you mean '" + path + *suggestion + "'?";
  return line + " (see plumb help)";
}

}  // namespace

std::optional<std::string> closest_name(const std::string& typed, const std::vector<std::string>& names) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;  // more than two edits is another word
  for (const auto& name : names) {
    const std::size_t distance = typed.size() >= 2 && name.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* level = &app;
  std::string path;  // the command words read so far, each followed by a space
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.size() > 1 && word[0] == '-') {
      if (takes_separate_value(*level, word)) ++i;
      continue;
    }
    const std::vector<std::string> names = command_names(*level);
    if (names.empty()) return std::nullopt;  // a leaf command's own arguments (migrate new NAME)
    if (std::find(names.begin(), names.end(), word) == names.end()) return unknown_command_line(path, word, names);
    level = level->get_subcommands([&word](const CLI::App* command) { return command->get_name() == word; }).front();
    path += word + " ";
  }
  return std::nullopt;
}

}  // namespace plumb::cli
