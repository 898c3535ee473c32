// The corpus of broken rules files in tests/rules/broken/: each starts with
// "# expect: LINE:COLUMN: message" and must be refused with exactly that,
// prefixed by its path. Until the rules-file loader lands, each rule entry
// is handed to its kind's validate as the loader will.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <fstream>

#include "rules/check_kind.hpp"
#include "util/errors.hpp"

using namespace plumb;

namespace {

const std::string k_corpus = "tests/rules/broken";

std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  DIR* directory = opendir((PLUMB_SOURCE_DIR "/" + k_corpus).c_str());
  REQUIRE(directory != nullptr);
  while (const dirent* entry = readdir(directory)) {
    const std::string name = entry->d_name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".yml") names.push_back(k_corpus + "/" + name);
  }
  closedir(directory);
  std::sort(names.begin(), names.end());
  return names;
}

std::string expected_message(const std::string& path) {
  std::ifstream in(PLUMB_SOURCE_DIR "/" + path);
  std::string first_line;
  std::getline(in, first_line);
  const std::string marker = "# expect: ";
  REQUIRE(first_line.rfind(marker, 0) == 0);
  return path + ":" + first_line.substr(marker.size());
}

// What the loader does for each entry of `rules`: the common keys, then the
// kind's own validation.
void validate_file(const std::string& path) {
  for (const YAML::Node& entry : YAML::LoadFile(PLUMB_SOURCE_DIR "/" + path)["rules"]) {
    Rule rule;
    rule.id = entry["id"].as<std::string>();
    rule.check = entry["check"].as<std::string>();
    rule.location = {path, entry.Mark().line + 1, entry.Mark().column + 1};
    rule.options = entry;
    const CheckKind* kind = find_check_kind(rule.check);
    REQUIRE(kind != nullptr);
    kind->validate(rule, {});
  }
}

}  // namespace

TEST_CASE("each broken rules file is refused at the right file line and column", "[rules]") {
  const auto files = corpus_files();
  REQUIRE(files.size() >= 10);
  for (const auto& path : files) {
    INFO(path);
    CHECK_THROWS_MATCHES(validate_file(path), InputError, Catch::Matchers::Message(expected_message(path)));
  }
}
