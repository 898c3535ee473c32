#include "vocabulary/generated_name.hpp"

#include <catch2/catch.hpp>

TEST_CASE("a Rails hash suffix has ten hex digits with a digit and a letter among them", "[vocabulary]") {
  CHECK(plumb::has_hash_suffix("idx_on_a_b_6d6ef495e6"));
  CHECK_FALSE(plumb::has_hash_suffix("index_batches_on_processing"));
  CHECK_FALSE(plumb::has_hash_suffix("t_1234567890"));  // digits only: a number, not a hash
  CHECK_FALSE(plumb::has_hash_suffix("t_abcdefabcd"));  // letters only: a word
  CHECK_FALSE(plumb::has_hash_suffix("t_6d6ef495e6x"));
}
