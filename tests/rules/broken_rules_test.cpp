// The corpus of broken rules files in tests/rules/broken/: each starts with
// "# expect: LINE:COLUMN: message" and must be refused by load_rules with
// exactly that, prefixed by its path and followed by the line and a caret.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <string>
#include <vector>
#include <fstream>

#include "rules/rule_loader.hpp"
#include "util/errors.hpp"

using namespace plumb;

namespace {

const std::string k_corpus = PLUMB_SOURCE_DIR "/tests/rules/broken";

std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  DIR* directory = opendir(k_corpus.c_str());
  REQUIRE(directory != nullptr);
  while (const dirent* entry = readdir(directory)) {
    const std::string name = entry->d_name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".yml") names.push_back(k_corpus + "/" + name);
  }
  closedir(directory);
  std::sort(names.begin(), names.end());
  return names;
}

// "PATH:LINE:COLUMN: message", then the offending line and a caret under
// the column, as the loader words every error.
std::string expected_message(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const std::string marker = "# expect: ";
  REQUIRE(!lines.empty());
  REQUIRE(lines[0].rfind(marker, 0) == 0);
  const std::string expected = lines[0].substr(marker.size());
  const size_t line = std::stoul(expected);
  const size_t column = std::stoul(expected.substr(expected.find(':') + 1));
  REQUIRE(line >= 1);
  REQUIRE(line <= lines.size());
  REQUIRE(column >= 1);
  return path + ":" + expected + "\n    " + lines[line - 1] + "\n    " + std::string(column - 1, ' ') + "^";
}

}  // namespace

TEST_CASE("each broken rules file is refused at the right file line and column", "[rules]") {
  const auto files = corpus_files();
  REQUIRE(files.size() >= 10);
  for (const auto& path : files) {
    INFO(path);
    CHECK_THROWS_MATCHES(load_rules({path}), InputError, Catch::Matchers::Message(expected_message(path)));
  }
}
