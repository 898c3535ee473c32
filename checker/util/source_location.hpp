// SourceLocation: a place in an input file (rules YAML, migration SQL) that a
// message can point at.
#pragma once

#include <string>

namespace plumb {

struct SourceLocation {
  std::string file;  // as the user named it, so messages match their command line
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown

  bool known() const { return !file.empty(); }

  // "file:line:column", "file:line" or "file", as far as it is known.
  std::string to_string() const;
};

}  // namespace plumb
