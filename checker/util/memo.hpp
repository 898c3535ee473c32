// memoised: a per-caller cache of values computed from a text, for pure
// functions that are asked about the same few texts again and again (every
// index of a table against every rule). The caller owns the cache, usually a
// function's thread_local map, so that no lock is needed.
#pragma once

#include <string>
#include <unordered_map>

namespace plumb {

// `make(key)`, computed once per key while the cache holds it. The cache is
// emptied when it passes `limit` entries: the texts of one run are few, and
// a bound keeps a long run from growing without end. The reference is valid
// until the next call with the same cache.
template <typename Value, typename Make>
const Value& memoised(std::unordered_map<std::string, Value>& cache, const std::string& key, Make make,
                      size_t limit = 20000) {
  if (cache.size() > limit) cache.clear();
  const auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  return cache.emplace(key, make(key)).first->second;
}

}  // namespace plumb
