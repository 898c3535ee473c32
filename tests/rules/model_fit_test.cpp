#include <catch2/catch.hpp>

#include "rules/model_fit.hpp"

using namespace plumb;

namespace {

Table users() {
  Table t{"public", "users", {}, {}, {}};
  t.columns = {{"id", "bigint", true, std::nullopt}, {"email", "character varying", false, std::nullopt},
               {"account_id", "bigint", false, std::nullopt}};
  return t;
}

UniquenessRule rule(std::vector<std::string> columns) {
  UniquenessRule r;
  r.columns = std::move(columns);
  return r;
}

}  // namespace

TEST_CASE("a rule that fits its table", "[rules]") {
  UniquenessRule fits = rule({"email", "account_id"});
  fits.case_insensitive = {"email"};
  fits.condition = "account_id IS NOT NULL";
  CHECK_FALSE(rule_misfit(fits, users()).has_value());
}

TEST_CASE("a rule that does not fit its table says how, in plain words", "[rules]") {
  CHECK(rule_misfit(rule({"emial"}), users()) == std::optional<std::string>("column emial does not exist in public.users"));
  UniquenessRule folded = rule({"account_id"});
  folded.case_insensitive = {"account_id"};
  CHECK(rule_misfit(folded, users()) ==
        std::optional<std::string>("case_insensitive column account_id is bigint, not text: lower() does not apply"));
  UniquenessRule where = rule({"email"});
  where.condition = "deleted_at IS NULL";
  CHECK(rule_misfit(where, users()) ==
        std::optional<std::string>("its where (deleted_at IS NULL) names column deleted_at, which does not exist in public.users"));
  where.condition = "email = ";
  CHECK(rule_misfit(where, users()) == std::optional<std::string>("its where (email = ) is not one SQL condition"));
}
