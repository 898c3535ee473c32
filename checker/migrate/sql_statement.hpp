// SqlStatement: one statement of a SQL file, split exactly as the server
// would split it (libpg_query, PostgreSQL 15's own parser), with where it
// starts in the file and its parse tree. Migrations and lint share it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb {

struct SqlStatement {
  std::string text;        // the statement without its trailing ';' or leading comments
  SourceLocation where;    // file:line:column of its first character
  nlohmann::json tree;     // libpg_query's node, e.g. {"IndexStmt": {...}}

  // The node's type, e.g. "IndexStmt", "DropStmt", "DoStmt".
  std::string kind() const;
};

// Splits `sql`, a part of `file` that starts at line `first_line`, column 1.
// Comments and dollar quotes are handled by the parser, never by hand. Throws
// InputError "file:line:column: <message>" with the offending line and a
// caret when the SQL is not UTF-8, holds a NUL byte or does not parse.
std::vector<SqlStatement> split_sql(const std::string& sql, const std::string& file, int first_line = 1);

}  // namespace plumb
