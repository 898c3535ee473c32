// The folder arrows of ARCHITECTURE.md, enforced: every `#include "folder/..."`
// under checker/ must follow an arrow the document lists, and the arrows must
// point one way. The list is read from the document itself, so the two
// cannot drift apart.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Arrows = std::map<std::string, std::set<std::string>>;  // folder (or folder/file) -> folders it may include

// The lines "- `FROM` may include: a, b, c" (or "nothing") of ARCHITECTURE.md.
Arrows arrows_in(const fs::path& document) {
  std::ifstream in(document);
  static const std::regex k_arrow(R"(^- `([a-z_./]+)` may include: (.*)$)");
  Arrows arrows;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_match(line, match, k_arrow)) continue;
    auto& allowed = arrows[match[1]];
    std::stringstream list(match[2].str());
    for (std::string item; std::getline(list, item, ',');) {
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(" .") + 1);
      if (item != "nothing") allowed.insert(item);
    }
  }
  return arrows;
}

// The folders a file includes headers from: `#include "folder/file.hpp"`.
std::vector<std::string> included_folders(const fs::path& file) {
  std::ifstream in(file);
  static const std::regex k_include(R"(^\s*#\s*include\s*"([a-z_]+)/)");
  std::vector<std::string> folders;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_search(line, match, k_include)) folders.push_back(match[1]);
  }
  return folders;
}

// The includes that no arrow allows, one line each.
std::vector<std::string> violations(const fs::path& checker, const Arrows& arrows) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(checker)) {
    const auto extension = entry.path().extension();
    if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
    const std::string relative = fs::relative(entry.path(), checker).generic_string();
    const std::string folder = relative.substr(0, relative.find('/'));
    const auto& allowed = arrows.count(folder) ? arrows.at(folder) : std::set<std::string>{};
    const auto* exception = arrows.count(relative) ? &arrows.at(relative) : nullptr;
    for (const auto& included : included_folders(entry.path()))
      if (included != folder && !allowed.count(included) && !(exception && exception->count(included)))
        found.push_back("checker/" + relative + " includes " + included + "/, which ARCHITECTURE.md does not let " +
                        folder + " include");
  }
  return found;
}

// True when following the arrows from `folder` comes back to it.
bool on_a_cycle(const Arrows& arrows, const std::string& folder, std::string at, std::set<std::string>& seen) {
  if (!arrows.count(at)) return false;
  for (const auto& next : arrows.at(at)) {
    if (next == folder) return true;
    if (seen.insert(next).second && on_a_cycle(arrows, folder, next, seen)) return true;
  }
  return false;
}

const fs::path k_source = PLUMB_SOURCE_DIR;

}  // namespace

TEST_CASE("ARCHITECTURE.md places every folder under checker/ and its arrows point one way", "[architecture]") {
  const Arrows arrows = arrows_in(k_source / "ARCHITECTURE.md");
  for (const auto& entry : fs::directory_iterator(k_source / "checker")) {
    if (!entry.is_directory()) continue;
    INFO("checker/" << entry.path().filename().string() << " has no \"may include\" line in ARCHITECTURE.md");
    CHECK(arrows.count(entry.path().filename().string()) == 1);
  }
  for (const auto& [folder, allowed] : arrows) {
    std::set<std::string> seen;
    INFO("the arrows from " << folder << " lead back to it");
    CHECK_FALSE(on_a_cycle(arrows, folder, folder, seen));
  }
}

TEST_CASE("every include under checker/ follows an arrow of ARCHITECTURE.md", "[architecture]") {
  const auto found = violations(k_source / "checker", arrows_in(k_source / "ARCHITECTURE.md"));
  std::string all;
  for (const auto& line : found) all += line + "\n";
  INFO(all);
  CHECK(found.empty());
}
