// SqlStatement: one statement of a SQL file, split exactly as the server
// would split it (libpg_query, PostgreSQL 15's own parser), with where it
// starts in the file and its parse tree. Migrations and lint share it.
//
// A migration may hold millions of statements, so a statement is small: a
// place in its file's text, shared by all the file's statements, and a
// parse tree shared by every statement whose tree is the same.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb {

// The whole text of one SQL file and its path as the user named it.
struct SqlSource {
  std::string path;
  std::string text;
};

class SqlStatement {
 public:
  SqlStatement(std::shared_ptr<const SqlSource> source, size_t offset, size_t length, int line, int column,
               std::shared_ptr<const nlohmann::json> tree);

  // The statement without its trailing ';' or leading comments (a copy).
  std::string text() const;
  // file:line:column of its first character.
  SourceLocation where() const;
  // libpg_query's node, e.g. {"IndexStmt": {...}}. For statements that only
  // write rows (INSERT, UPDATE, DELETE) only the target "relation" is kept:
  // no check looks further, and the VALUES of a bulk INSERT made the trees
  // of a 50 MB file take gigabytes. A SELECT is kept whole (lint reads its
  // function calls, e.g. set_config).
  const nlohmann::json& tree() const { return *m_tree; }
  // The node's type, e.g. "IndexStmt", "DropStmt", "DoStmt".
  std::string kind() const;

 private:
  std::shared_ptr<const SqlSource> m_source;
  std::shared_ptr<const nlohmann::json> m_tree;
  size_t m_offset;
  size_t m_length;
  int m_line;
  int m_column;
};

// Splits bytes [begin, end) of `source`'s text, which start at line
// `first_line`, column 1 (a UTF-8 byte order mark at the very start of the
// file is skipped). Comments and dollar quotes are handled by the parser,
// never by hand. Memory stays linear in the text with a small constant:
// the parser sees the text a slice of whole statements at a time. Throws
// InputError "file:line:column: <message>" with the offending line and a
// caret when the SQL is not UTF-8, holds a NUL byte or does not parse.
std::vector<SqlStatement> split_sql(const std::shared_ptr<const SqlSource>& source, size_t begin, size_t end,
                                    int first_line);

// The same for `sql`, the whole of a part of `file` that starts at line
// `first_line`, column 1.
std::vector<SqlStatement> split_sql(const std::string& sql, const std::string& file, int first_line = 1);

}  // namespace plumb
