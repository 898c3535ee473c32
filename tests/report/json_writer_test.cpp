#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/json_writer.hpp"

using plumb::JsonWriter;
using nlohmann::json;

// Reports written by JsonWriter must keep the bytes they had when they were
// built as nlohmann trees: the same document both ways, compared as text.
TEST_CASE("JsonWriter writes what nlohmann's dump(2) writes for the same document", "[report]") {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  out.key("a");
  out.begin_array();
  out.end_array();
  out.key("b");
  out.begin_object();
  out.end_object();
  out.key("c");
  out.begin_array();
  out.value("tab\there, quote \" and \x01, caf\xC3\xA9");
  out.null();
  out.value(true);
  out.begin_array();
  out.value(-3);
  out.value(size_t{7});
  out.end_array();
  out.begin_object();
  out.key("x");
  out.value(0.0);
  out.key("y");
  out.value(1.25);
  out.end_object();
  out.end_array();
  out.key("d");
  out.value(false);
  out.end_object();

  const json expected = {{"a", json::array()},
                         {"b", json::object()},
                         {"c", {"tab\there, quote \" and \x01, caf\xC3\xA9", nullptr, true, {-3, 7}, {{"x", 0.0}, {"y", 1.25}}}},
                         {"d", false}};
  CHECK(text == expected.dump(2));
}

TEST_CASE("JsonWriter refuses text that is not UTF-8, as nlohmann does", "[report]") {
  std::string text;
  JsonWriter out(text);
  out.begin_array();
  CHECK_THROWS_AS(out.value("\xFF"), json::type_error);
}
