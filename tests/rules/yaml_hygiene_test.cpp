#include <catch2/catch.hpp>

#include "rules/yaml_hygiene.hpp"

using namespace plumb;

namespace {

std::string described(const std::optional<YamlProblem>& problem) {
  if (!problem) return "(none)";
  return std::to_string(problem->line) + ":" + std::to_string(problem->column) + ": " + problem->message;
}

struct Text {
  const char* what;
  std::string yaml;
  std::string problem;
};

}  // namespace

TEST_CASE("a key given twice is found at its second place, naming the first", "[rules]") {
  const std::vector<Text> cases = {
      {"in a rule", "rules:\n  - id: a\n    check: sql\n    id: b\n", "4:5: duplicate key 'id' (first given at f.yml:2:5)"},
      {"at the top", "rules: []\nmodels: {}\nrules: []\n", "3:1: duplicate key 'rules' (first given at f.yml:1:1)"},
      {"in a flow mapping", "x: {a: 1, a: 2}\n", "1:11: duplicate key 'a' (first given at f.yml:1:5)"},
      {"none: the same key in two rules", "rules:\n  - id: a\n  - id: b\n", "(none)"},
  };
  for (const auto& each : cases) {
    SECTION(each.what) { CHECK(described(duplicate_key(YAML::Load(each.yaml), "f.yml")) == each.problem); }
  }
}

TEST_CASE("control characters are found in keys and names, and only NUL and the like in free text", "[rules]") {
  const std::vector<Text> cases = {
      {"NUL in an id", "rules:\n  - id: \"a\\0b\"\n", "2:9: control character U+0000 in 'id' (only tab is allowed there)"},
      {"escape in a model name", "models:\n  \"M\\e[31m\": {table: t}\n", "2:3: control character U+001B in a key (only tab is allowed there)"},
      {"line feed in a tag", "rules:\n  - tags: [\"a\\nb\"]\n", "2:12: control character U+000A in 'tags' (only tab is allowed there)"},
      {"NUL in a query", "query: \"SELECT 1\\0\"\n", "1:8: control character U+0000 in 'query' (only tab is allowed there)"},
      {"none: tab in an id, line feeds in a query", "id: \"a\\tb\"\nquery: |\n  SELECT 1\n  FROM t\n", "(none)"},
  };
  for (const auto& each : cases) {
    SECTION(each.what) { CHECK(described(control_character(YAML::Load(each.yaml))) == each.problem); }
  }
}

TEST_CASE("an unclosed quote is found where it opened", "[rules]") {
  const std::vector<Text> cases = {
      {"an id running into the next keys",
       "rules:\n  - id: \"abc\n    check: sql\n    query: \"SELECT 1\"\n",
       "2:9: unclosed quote: the string that opens here with \" is never closed on its line or on lines indented below it"},
      {"a query running into the next rule",
       "rules:\n  - id: a\n    query: 'SELECT 1\n  - id: b\n",
       "3:12: unclosed quote: the string that opens here with ' is never closed on its line or on lines indented below it"},
      {"at the end of the file", "rules:\n  - {id: \"abc, check: sql}\n",
       "2:10: unclosed quote: the string that opens here with \" is never closed on its line or on lines indented below it"},
      {"none: a string continued on deeper lines", "rules:\n  - id: a\n    query: \"SELECT 1\n      FROM t\"\n", "(none)"},
      {"none: quotes inside plain text, comments and block scalars",
       "rules:\n  - id: a # it's\n    where: status = 'running\n    query: |\n      SELECT 'x\n    description: \"a \\\" b\"\n", "(none)"},
      {"none: doubled single quotes", "where: 'it''s'\n", "(none)"},
  };
  for (const auto& each : cases) {
    SECTION(each.what) { CHECK(described(unclosed_quote(each.yaml)) == each.problem); }
  }
}
