#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "rules/rule_loader.hpp"
#include "util/errors.hpp"

using namespace plumb;

namespace {

RuleSet load(const std::string& text) {
  RuleSet set;
  load_rules_text("rules/test.yml", text, set);
  return set;
}

std::string error_of(const std::string& text) {
  try {
    load(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

const char* const k_models =
    "models:\n"
    "  Member:\n"
    "    table: members\n"
    "    unique:\n"
    "      - columns: [email]\n"
    "        case_insensitive: [email]\n"
    "        where: \"deleted_at IS NULL\"\n"
    "        nulls: not_distinct\n"
    "        origin: app/models/member.rb:12\n"
    "  Entry:\n"
    "    table: audit.entries\n";

}  // namespace

TEST_CASE("a models part loads every key of a uniqueness rule", "[rules]") {
  const RuleSet set = load(k_models);
  REQUIRE(set.models.size() == 2);
  const Model& member = set.models[0];
  CHECK(member.name == "Member");
  CHECK(member.schema == "public");
  CHECK(member.table == "members");
  REQUIRE(member.unique.size() == 1);
  CHECK(member.unique[0].columns == std::vector<std::string>{"email"});
  CHECK(member.unique[0].case_insensitive == std::vector<std::string>{"email"});
  CHECK(member.unique[0].condition == std::optional<std::string>("deleted_at IS NULL"));
  CHECK(member.unique[0].nulls == NullSemantics::not_distinct);
  CHECK(member.unique[0].origin == "app/models/member.rb:12");
  CHECK(member.unique[0].location.to_string() == "rules/test.yml:5:9");
  CHECK(set.models[1].schema == "audit");
  CHECK(set.models[1].table == "entries");
}

TEST_CASE("a file with models and no rules checks them implicitly", "[rules]") {
  const RuleSet set = load(k_models);
  REQUIRE(set.rules.size() == 1);
  CHECK(set.rules[0].id == "unique-indexes-match-model");
  CHECK(set.rules[0].check == "unique_indexes_match_model");
  CHECK(set.rules[0].severity == Severity::error);
}

TEST_CASE("a rule loads its common keys and keeps its own for its kind", "[rules]") {
  const RuleSet set = load(
      "rules:\n"
      "  - id: names\n"
      "    check: index_names\n"
      "    severity: warning\n"
      "    tags: [schema, incident]\n"
      "    description: readable names\n"
      "    timeout: 5s\n"
      "    pattern: \"^index_\"\n");
  REQUIRE(set.rules.size() == 1);
  const Rule& rule = set.rules[0];
  CHECK(rule.id == "names");
  CHECK(rule.check == "index_names");
  CHECK(rule.severity == Severity::warning);
  CHECK(rule.tags == std::vector<std::string>{"schema", "incident"});
  CHECK(rule.description == "readable names");
  CHECK(rule.location.to_string() == "rules/test.yml:2:5");
  CHECK(rule.timeout == std::chrono::milliseconds(5000));
  CHECK(rule.samples);
  CHECK(rule.spec != nullptr);
}

struct BadFile {
  const char* name;
  const char* text;
  const char* error;
};

TEST_CASE("mistakes in a rules file point at their line and column", "[rules]") {
  const std::vector<BadFile> cases = {
      {"unknown key in a rule",
       "rules:\n  - id: r\n    check: index_names\n    patern: x\n",
       "rules/test.yml:4:5: rule 'r': unknown key 'patern' (expected one of: id, check, severity, tags, description, timeout, samples, table, pattern, constraints)\n"
       "        patern: x\n"
       "        ^"},
      {"unknown check kind",
       "rules:\n  - id: r\n    check: index_exist\n",
       "rules/test.yml:3:12: rule 'r': unknown check 'index_exist' (expected one of: unique_indexes_match_model, index_exists, index_absent, no_invalid_indexes, redundant_indexes, index_names, stale_rows, duplicates, not_null, accepted_values, orphans, sql)\n"
       "        check: index_exist\n"
       "               ^"},
      {"missing check",
       "rules:\n  - id: r\n    severity: error\n",
       "rules/test.yml:2:5: rule 'r': missing key 'check'\n"
       "      - id: r\n"
       "        ^"},
      {"duplicate id",
       "rules:\n  - id: r\n    check: index_names\n  - id: r\n    check: redundant_indexes\n",
       "rules/test.yml:4:9: rule 'r': duplicate id, first defined at rules/test.yml:2:5\n"
       "      - id: r\n"
       "            ^"},
      {"wrong severity",
       "rules:\n  - id: r\n    check: index_names\n    severity: fatal\n",
       "rules/test.yml:4:15: rule 'r': 'severity' must be error, warning or info, not 'fatal'\n"
       "        severity: fatal\n"
       "                  ^"},
      {"tags of the wrong type",
       "rules:\n  - id: r\n    check: index_names\n    tags: {a: 1}\n",
       "rules/test.yml:4:11: rule 'r': 'tags' must be a list of strings\n"
       "        tags: {a: 1}\n"
       "              ^"},
      {"bad timeout",
       "rules:\n  - id: r\n    check: index_names\n    timeout: soon\n",
       "rules/test.yml:4:14: rule 'r': invalid duration 'soon': expected a whole number and a unit (ms, s, m, h, d), e.g. 30s\n"
       "        timeout: soon\n"
       "                 ^"},
      {"unknown top-level key",
       "modles: {}\n",
       "rules/test.yml:1:1: unknown key 'modles' (expected one of: models, rules)\n"
       "    modles: {}\n"
       "    ^"},
      {"model without table",
       "models:\n  Member:\n    unique: []\n",
       "rules/test.yml:2:3: model 'Member': missing key 'table'\n"
       "      Member:\n"
       "      ^"},
      {"unknown key in a uniqueness rule",
       "models:\n  Member:\n    table: members\n    unique:\n      - columns: [email]\n        case_sensitive: false\n",
       "rules/test.yml:6:9: model 'Member': unknown key 'case_sensitive' (expected one of: columns, case_insensitive, where, nulls, skip_when_null, skip_when_blank, conditional, origin)\n"
       "            case_sensitive: false\n"
       "            ^"},
      {"case-insensitive column outside the rule",
       "models:\n  Member:\n    table: members\n    unique:\n      - columns: [email]\n        case_insensitive: [name]\n",
       "rules/test.yml:6:28: model 'Member': 'case_insensitive' column 'name' is not in 'columns'\n"
       "            case_insensitive: [name]\n"
       "                               ^"},
      {"bad nulls",
       "models:\n  Member:\n    table: members\n    unique:\n      - columns: [email]\n        nulls: equal\n",
       "rules/test.yml:6:16: model 'Member': 'nulls' must be distinct or not_distinct, not 'equal'\n"
       "            nulls: equal\n"
       "                   ^"},
      {"kind validation of a table without a model",
       "rules:\n  - id: r\n    check: unique_indexes_match_model\n    table: members\n",
       "rules/test.yml:4:12: rule 'r': no model states table 'members' (add it under 'models')\n"
       "        table: members\n"
       "               ^"},
      {"index_exists without name or columns",
       "rules:\n  - id: r\n    check: index_exists\n    table: members\n",
       "rules/test.yml:2:5: rule 'r': needs 'name', or 'table' and 'columns'\n"
       "      - id: r\n"
       "        ^"},
      {"YAML syntax error",
       "rules:\n  - id: [r\n",
       "rules/test.yml:3:1: YAML syntax error: end of sequence flow not found"},
  };
  for (const auto& each : cases) {
    SECTION(each.name) { CHECK(error_of(each.text) == each.error); }
  }
}

TEST_CASE("a folder of rules files is read in name order and ids are unique across files", "[rules]") {
  const auto folder = std::filesystem::temp_directory_path() / ("plumb-rules-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder / "more");
  std::ofstream(folder / "b.yml") << "rules:\n  - id: r\n    check: index_names\n";
  std::ofstream(folder / "more" / "a.yaml") << "models:\n  M:\n    table: t\n";
  std::ofstream(folder / "notes.txt") << "not yaml: [\n";
  const RuleSet set = load_rules({folder.string()});
  CHECK(set.files.size() == 2);
  CHECK(set.models.size() == 1);
  CHECK(set.rules.size() == 1);

  std::ofstream(folder / "c.yml") << "rules:\n  - id: r\n    check: redundant_indexes\n";
  try {
    load_rules({folder.string()});
    FAIL("duplicate id across files was accepted");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("c.yml:2:9: rule 'r': duplicate id, first defined at " + (folder / "b.yml").string() + ":2:5") !=
          std::string::npos);
  }
  std::filesystem::remove_all(folder);
}

TEST_CASE("a model stated twice is refused where it is stated again", "[rules]") {
  RuleSet set;
  load_rules_text("a.yml", "models:\n  Member:\n    table: members\n", set);
  CHECK_THROWS_WITH(load_rules_text("b.yml", "models:\n  Member:\n    table: people\n", set),
                    "b.yml:2:3: model 'Member' is already defined at a.yml:2:3\n      Member:\n      ^");
}

TEST_CASE("a missing rules path is bad input", "[rules]") {
  CHECK_THROWS_WITH(load_rules({"/nonexistent/rules"}), "rules path /nonexistent/rules does not exist");
}

TEST_CASE("rules files that yaml-cpp would take are refused at the place of the problem", "[rules]") {
  const std::vector<BadFile> cases = {
      {"a key given twice, naming both places",
       "rules:\n  - id: r\n    check: sql\n    query: SELECT 1\n    query: SELECT 2\n",
       "rules/test.yml:5:5: duplicate key 'query' (first given at rules/test.yml:4:5)\n"
       "        query: SELECT 2\n"
       "        ^"},
      {"a NUL byte in a rule id",
       "rules:\n  - id: \"no\\0stuck\"\n    check: index_names\n",
       "rules/test.yml:2:9: control character U+0000 in 'id' (only tab is allowed there)\n"
       "      - id: \"no\\0stuck\"\n"
       "            ^"},
      {"an escape sequence in a model name",
       "models:\n  \"Member\\e[2J\":\n    table: members\n",
       "rules/test.yml:2:3: control character U+001B in a key (only tab is allowed there)\n"
       "      \"Member\\e[2J\":\n"
       "      ^"},
      {"an unclosed quote that the YAML reader runs past",
       "rules:\n  - id: \"r\n    check: sql\n    query: \"SELECT 1\"\n",
       "rules/test.yml:2:9: unclosed quote: the string that opens here with \" is never closed on its line or on lines indented below it\n"
       "      - id: \"r\n"
       "            ^"},
      {"an unclosed quote that swallows the next rule",
       "rules:\n  - id: a\n    check: sql\n    query: 'SELECT 1\n  - id: b\n    check: sql\n    query: SELECT 2\n",
       "rules/test.yml:4:12: unclosed quote: the string that opens here with ' is never closed on its line or on lines indented below it\n"
       "        query: 'SELECT 1\n"
       "               ^"},
      {"samples that is not a boolean",
       "rules:\n  - id: r\n    check: index_names\n    samples: some\n",
       "rules/test.yml:4:14: rule 'r': 'samples' must be true or false, not 'some'\n"
       "        samples: some\n"
       "                 ^"},
      {"a model's where that reaches past its condition",
       "models:\n  Member:\n    table: members\n    unique:\n      - columns: [email]\n"
       "        where: \"true); DELETE FROM members; --\"\n",
       "rules/test.yml:5:9: model 'Member': 'where' must be one SQL condition: it holds more than one statement (a ';')\n"
       "          - columns: [email]\n"
       "            ^"},
      {"a data rule's where that reaches past its condition",
       "rules:\n  - id: r\n    check: duplicates\n    table: bans\n    columns: [member_id]\n"
       "    where: \"true) GROUP BY member_id; COMMIT; CREATE TABLE pwned(x int); DELETE FROM bans; --\"\n",
       "rules/test.yml:6:12: rule 'r': 'where' must be one SQL condition: it holds more than one statement (a ';')\n"
       "        where: \"true) GROUP BY member_id; COMMIT; CREATE TABLE pwned(x int); DELETE FROM bans; --\"\n"
       "               ^"},
      {"a sql rule's query that is not one SELECT",
       "rules:\n  - id: r\n    check: sql\n    query: \"WITH gone AS (DELETE FROM bans RETURNING id) SELECT id FROM gone\"\n",
       "rules/test.yml:4:12: rule 'r': 'query' must be one SELECT: it holds a data-modifying DELETE\n"
       "        query: \"WITH gone AS (DELETE FROM bans RETURNING id) SELECT id FROM gone\"\n"
       "               ^"},
  };
  for (const auto& each : cases) {
    SECTION(each.name) { CHECK(error_of(each.text) == each.error); }
  }
}

TEST_CASE("a rule may turn its samples off", "[rules]") {
  const RuleSet set = load("rules:\n  - id: r\n    check: index_names\n    samples: false\n");
  CHECK_FALSE(set.rules.at(0).samples);
}
