#include "rails/models_yaml_writer.hpp"

#include <catch2/catch.hpp>

namespace plumb {

TEST_CASE("The models file has one commented rule per validation with origin and notes", "[rails]") {
  ImportedModel member;
  member.model.name = "Admin::Member";
  member.model.schema = "auth";
  member.model.table = "members";
  UniquenessRule rule;
  rule.columns = {"email"};
  rule.case_insensitive = {"email"};
  rule.condition = "state = 'say \"hi\"'";
  rule.origin = "app/models/admin/member.rb:4";
  member.model.unique.push_back(rule);
  member.notes.push_back({"untranslated if: :active?"});

  CHECK(write_models_yaml({member}) ==
        "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
        "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n"
        "models:\n"
        "  \"Admin::Member\":\n"
        "    table: auth.members\n"
        "    unique:\n"
        "      - columns: [email]   # app/models/admin/member.rb:4\n"
        "        nulls: distinct\n"
        "        case_insensitive: [email]\n"
        "        where: \"state = 'say \\\"hi\\\"'\"\n"
        "        origin: \"app/models/admin/member.rb:4\"\n"
        "        # plumb: untranslated if: :active?\n");
}

TEST_CASE("An app without uniqueness validations gives an empty models map", "[rails]") {
  CHECK(write_models_yaml({}) ==
        "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
        "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n"
        "models: {}\n");
}

}  // namespace plumb
