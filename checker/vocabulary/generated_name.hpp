// Generated names: how to tell a name a tool made up (Rails' hashed index
// names) from one a person chose. Both the index_names check kind and lint's
// identifier rules judge names by it.
#pragma once

#include <string>

namespace plumb {

// True for a name ending in Rails' generated hash: "_" and 10 lower-case hex
// digits with at least one digit and one letter (not a word such as
// "_processing"), as in "idx_on_a_b_6d6ef495e6".
bool has_hash_suffix(const std::string& name);

}  // namespace plumb
