#include "migrate/sql_statement.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>

#include "util/errors.hpp"
#include "util/utf8.hpp"

namespace plumb {
namespace {

// Where the statement's own text begins: libpg_query's ranges include the
// white space and comments before a statement, which a location must skip.
size_t skip_comments(const std::string& sql, size_t at, size_t end) {
  while (at < end) {
    if (std::isspace(static_cast<unsigned char>(sql[at]))) {
      ++at;
    } else if (sql.compare(at, 2, "--") == 0) {
      const size_t newline = sql.find('\n', at);
      at = newline == std::string::npos ? end : newline + 1;
    } else if (sql.compare(at, 2, "/*") == 0) {
      const size_t close = sql.find("*/", at + 2);
      at = close == std::string::npos ? end : close + 2;
    } else {
      break;
    }
  }
  return at;
}

// 1-based line and column of byte offsets of `sql`, whose first line is
// `first_line`. Offsets asked for never decrease, so the text is walked once
// for all statements: counting from the start for each one made a file of
// 20,000 statements take seconds, and 40,000 four times as long.
class Locator {
 public:
  Locator(const std::string& sql, const std::string& file, int first_line)
      : m_sql(sql), m_where{file, first_line, 1} {}

  SourceLocation at(size_t offset) {
    for (; m_offset < offset && m_offset < m_sql.size(); ++m_offset) {
      if (m_sql[m_offset] == '\n') {
        ++m_where.line;
        m_where.column = 1;
      } else {
        ++m_where.column;
      }
    }
    return m_where;
  }

 private:
  const std::string& m_sql;
  size_t m_offset = 0;
  SourceLocation m_where;
};

std::string line_at(const std::string& sql, size_t offset) {
  const size_t start = offset == 0 ? 0 : sql.rfind('\n', offset - 1);
  const size_t from = start == std::string::npos || offset == 0 ? 0 : start + 1;
  const size_t end = sql.find('\n', from);
  return sql.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

// The byte offset of character `index` of `sql` (UTF-8, checked before
// parsing), or its size when it is shorter.
size_t byte_offset_of_character(const std::string& sql, size_t index) {
  size_t characters = 0;
  for (size_t at = 0; at < sql.size(); ++at) {
    if (!is_utf8_continuation(sql[at]) && characters++ == index) return at;
  }
  return sql.size();
}

[[noreturn]] void throw_syntax_error(const std::string& sql, const PgQueryError& error,
                                     const std::string& file, int first_line) {
  // cursorpos is 1-based and counts characters, as PostgreSQL's error
  // position does; 0 means the parser could not say where.
  const size_t offset = error.cursorpos > 0 ? byte_offset_of_character(sql, static_cast<size_t>(error.cursorpos - 1)) : 0;
  throw InputError(Locator(sql, file, first_line).at(offset), error.message, line_at(sql, offset));
}

// The parser reads a C string: it would stop at a NUL byte and drop the
// rest unseen, and libpq would send PostgreSQL the same cut-short text.
void refuse_nul_bytes(const std::string& sql, const std::string& file, int first_line) {
  const size_t nul = sql.find('\0');
  if (nul == std::string::npos) return;
  std::string shown = line_at(sql, nul);
  std::replace(shown.begin(), shown.end(), '\0', '?');
  throw InputError(Locator(sql, file, first_line).at(nul),
                   "a NUL byte cannot be part of SQL (PostgreSQL would stop reading there)", shown);
}

nlohmann::json parse_tree(const std::string& text, const SourceLocation& where) {
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error != nullptr) {
    const std::string message = result.error->message;
    pg_query_free_parse_result(result);
    throw InputError(where, message);  // split_with_parser already accepted it: should not happen
  }
  const auto json = nlohmann::json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  return json.at("stmts").at(0).at("stmt");
}

}  // namespace

std::string SqlStatement::kind() const {
  return tree.is_object() && !tree.empty() ? tree.begin().key() : "";
}

std::vector<SqlStatement> split_sql(const std::string& sql, const std::string& file, int first_line) {
  // libpg_query copies identifiers and strings byte for byte into its JSON
  // tree, which nlohmann::json refuses when they are not UTF-8.
  require_utf8(file, sql, first_line);
  refuse_nul_bytes(sql, file, first_line);
  PgQuerySplitResult split = pg_query_split_with_parser(sql.c_str());
  if (split.error != nullptr) {
    const PgQueryError error = *split.error;
    try {
      throw_syntax_error(sql, error, file, first_line);
    } catch (...) {
      pg_query_free_split_result(split);
      throw;
    }
  }
  std::vector<SqlStatement> statements;
  Locator locator(sql, file, first_line);
  for (int i = 0; i < split.n_stmts; ++i) {
    const size_t begin = static_cast<size_t>(split.stmts[i]->stmt_location);
    const size_t end = begin + static_cast<size_t>(split.stmts[i]->stmt_len);
    const size_t start = skip_comments(sql, begin, end);
    if (start >= end) continue;
    SqlStatement statement;
    statement.text = sql.substr(start, end - start);
    statement.where = locator.at(start);
    statements.push_back(std::move(statement));
  }
  pg_query_free_split_result(split);
  for (auto& statement : statements) statement.tree = parse_tree(statement.text, statement.where);
  return statements;
}

}  // namespace plumb
