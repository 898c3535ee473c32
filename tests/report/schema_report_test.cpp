#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/schema_report.hpp"

using namespace plumb;

namespace {

// One table with every kind of field the JSON snapshot writes: names that
// need escaping, an expression key, INCLUDE columns, a predicate, a primary
// key and a foreign key.
SchemaSnapshot snapshot_of_every_field() {
  Table table{"public", "orders", {}, {}, {}};
  table.columns = {{"id", "bigint", true, std::string("nextval('orders_id_seq'::regclass)")},
                   {"say \"hi\"\n", "text", false, std::nullopt},
                   {"grüße", "character varying", false, std::string("'new'::character varying")}};
  Index primary{"orders_pkey", {{"id", false}}, {}, true, true, true, true, false, std::nullopt, "btree", "", "orders_pkey"};
  Index email{"orders_email", {{"lower(\"grüße\")", true}, {"id", false}}, {"say \"hi\"\n"}, true, false, false,
              true, true, std::string("(id > 0)"), "btree", "CREATE UNIQUE INDEX ...", std::nullopt};
  table.indexes = {email, primary};
  table.constraints = {
      {"orders_member_fk", ConstraintType::foreign_key, {"id"}, "", "public.members", {"id"}, "FOREIGN KEY (id) REFERENCES members(id)"},
      {"orders_pkey", ConstraintType::primary_key, {"id"}, "orders_pkey", "", {}, "PRIMARY KEY (id)"}};
  return SchemaSnapshot{{table, Table{"other", "empty", {}, {}, {}}}};
}

}  // namespace

TEST_CASE("an empty snapshot renders as an empty list of tables", "[report]") {
  CHECK(render_schema_json(SchemaSnapshot{}) == "{\n  \"tables\": [],\n  \"version\": 1\n}\n");
}

TEST_CASE("the json snapshot is laid out as nlohmann's dump with sorted keys and two-space indents", "[report]") {
  const std::string text = render_schema_json(snapshot_of_every_field());
  CHECK(text == nlohmann::json::parse(text).dump(2) + "\n");
}

TEST_CASE("the json snapshot escapes names and writes every field", "[report]") {
  const std::string text = render_schema_json(snapshot_of_every_field());
  CHECK(text.find("          \"name\": \"say \\\"hi\\\"\\n\",\n") != std::string::npos);
  const auto document = nlohmann::json::parse(text);
  const auto& orders = document["tables"][0];
  CHECK(orders["columns"][2] == nlohmann::json({{"name", "grüße"}, {"type", "character varying"}, {"not_null", false},
                                                {"default", "'new'::character varying"}}));
  CHECK(orders["columns"][1]["default"] == nullptr);
  CHECK(orders["primary_key"] == nlohmann::json::array({"id"}));
  CHECK(orders["indexes"][0] ==
        nlohmann::json({{"name", "orders_email"}, {"method", "btree"},
                        {"keys", {{{"text", "lower(\"grüße\")"}, {"expression", true}}, {{"text", "id"}, {"expression", false}}}},
                        {"include", {"say \"hi\"\n"}}, {"unique", true}, {"primary", false}, {"valid", false},
                        {"ready", true}, {"nulls_not_distinct", true}, {"predicate", "(id > 0)"}, {"constraint", nullptr}}));
  CHECK(orders["constraints"][0] ==
        nlohmann::json({{"name", "orders_member_fk"}, {"type", "foreign_key"}, {"columns", {"id"}},
                        {"definition", "FOREIGN KEY (id) REFERENCES members(id)"},
                        {"references", {{"table", "public.members"}, {"columns", {"id"}}}}}));
  CHECK(orders["constraints"][1]["index"] == "orders_pkey");
  CHECK(orders["indexes"][1]["constraint"] == "orders_pkey");
  CHECK(document["tables"][1] == nlohmann::json({{"schema", "other"}, {"name", "empty"}, {"columns", nlohmann::json::array()},
                                                 {"primary_key", nlohmann::json::array()},
                                                 {"indexes", nlohmann::json::array()},
                                                 {"constraints", nlohmann::json::array()}}));
}

TEST_CASE("a name that is not UTF-8 is refused as nlohmann refuses it", "[report]") {
  SchemaSnapshot snapshot{{Table{"public", "bad\xff", {}, {}, {}}}};
  CHECK_THROWS_AS(render_schema_json(snapshot), nlohmann::json::type_error);
}
