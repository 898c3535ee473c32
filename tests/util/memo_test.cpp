#include <catch2/catch.hpp>

#include "util/memo.hpp"

using plumb::memoised;

TEST_CASE("a memoised value is computed once per key, and the cache is bounded", "[util]") {
  std::unordered_map<std::string, size_t> cache;
  int calls = 0;
  const auto length = [&](const std::string& text) {
    ++calls;
    return text.size();
  };
  CHECK(memoised(cache, "abc", length) == 3);
  CHECK(memoised(cache, "abc", length) == 3);
  CHECK(calls == 1);
  CHECK(memoised(cache, "de", length, 1) == 2);
  CHECK(memoised(cache, "f", length, 1) == 1);  // past the limit: emptied, then computed
  CHECK(cache.size() == 1);
  CHECK(calls == 3);
}
