// CommandSuggestion: what plumb says for a command it does not know
// ("unknown command 'chek'; did you mean 'check'?"), as git does.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace plumb::cli {

// The name among `names` closest to `typed` (at most two edits away, or one
// that `typed` begins), if one is close enough to suggest.
std::optional<std::string> closest_name(const std::string& typed, const std::vector<std::string>& names);

// Walks the command line as `app` would read it and, when a word in a
// command's place names no command ("plumb chek", "plumb migrate stauts"),
// returns the one line to show: "unknown command 'chek'; did you mean
// 'check'?" (or "... (see plumb help)" when nothing is close). nullopt when
// every command word is known, so the parser's own message stands.
std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv);

}  // namespace plumb::cli
