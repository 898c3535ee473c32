#include "rails/models_yaml_writer.hpp"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

namespace plumb {
namespace {

Model member_model() {
  Model member;
  member.name = "Admin::Member";
  member.schema = "auth";
  member.table = "members";
  UniquenessRule rule;
  rule.columns = {"email", "chapter_id"};
  rule.nulls = NullSemantics::not_distinct;
  rule.skip_when_blank = {"email"};
  rule.case_insensitive = {"email"};
  rule.condition = "state = 'say \"hi\"'";
  rule.conditional = "if: :will_save_change_to_email?";
  rule.origin = "app/models/admin/member.rb:4";
  member.unique.push_back(rule);
  return member;
}

}  // namespace

TEST_CASE("The models file states each rule with the keys it sets", "[rails]") {
  CHECK(write_models_yaml({member_model()}) ==
        "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
        "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n"
        "models:\n"
        "  \"Admin::Member\":\n"
        "    table: auth.members\n"
        "    unique:\n"
        "      - columns: [email, chapter_id]\n"
        "        nulls: not_distinct\n"
        "        skip_when_blank: [email]\n"
        "        case_insensitive: [email]\n"
        "        where: \"state = 'say \\\"hi\\\"'\"\n"
        "        conditional: \"if: :will_save_change_to_email?\"\n"
        "        origin: \"app/models/admin/member.rb:4\"\n");
}

TEST_CASE("An app without uniqueness validations gives an empty models map", "[rails]") {
  CHECK(write_models_yaml({}) ==
        "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
        "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n"
        "models: {}\n");
}

// Names, paths and conditions come from someone's source tree: a newline,
// quote or `#` in them must stay inside their scalar.
TEST_CASE("No name, path or condition can inject structure into the models file", "[rails]") {
  const std::string hostile = GENERATE(as<std::string>{}, "app/x\n        where: \"1 = 0\"\n", "a\" # b", "x: y",
                                       "- [a]", "\r\n---\nrules: []", "tab\there",
                                       "nel\xc2\x85next", "ls\xe2\x80\xa8ps\xe2\x80\xa9", "yes", "007", "nul\x01l\x7f");
  CAPTURE(hostile);
  Model model = member_model();
  model.name = hostile;
  model.table = hostile;
  model.unique[0].origin = hostile;
  model.unique[0].conditional = hostile;
  model.unique[0].columns = {hostile};
  model.unique[0].skip_when_blank.clear();
  model.unique[0].case_insensitive.clear();

  const YAML::Node read = YAML::Load(write_models_yaml({model}));

  REQUIRE(read["models"].size() == 1);
  const YAML::Node entry = read["models"][hostile];
  REQUIRE(entry.IsMap());
  CHECK(entry["table"].as<std::string>() == "auth." + hostile);
  CHECK(entry["unique"][0]["origin"].as<std::string>() == hostile);
  CHECK(entry["unique"][0]["conditional"].as<std::string>() == hostile);
  CHECK(entry["unique"][0]["columns"][0].as<std::string>() == hostile);
  CHECK(entry["unique"][0]["where"].as<std::string>() == "state = 'say \"hi\"'");
  CHECK(entry["unique"][0].size() == 5);
  CHECK_FALSE(read["rules"]);
}

}  // namespace plumb
