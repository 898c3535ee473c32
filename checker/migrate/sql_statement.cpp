#include "migrate/sql_statement.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "util/errors.hpp"
#include "util/utf8.hpp"

namespace plumb {
namespace {

using nlohmann::json;

const std::string k_utf8_bom = "\xEF\xBB\xBF";

// The parser sees the text this many bytes at a time (rounded up to whole
// statements): its tree of a whole 50 MB file took over a gigabyte.
constexpr size_t k_slice_bytes = 256 * 1024;

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

// The byte offset of character `index` counted from byte `from` of `sql`
// (UTF-8, checked before parsing), or its size when it is shorter.
size_t byte_offset_of_character(const std::string& sql, size_t from, size_t index) {
  size_t characters = 0;
  for (size_t at = from; at < sql.size(); ++at) {
    if (!is_utf8_continuation(sql[at]) && characters++ == index) return at;
  }
  return sql.size();
}

// `error` is the parser's, for the text from byte `from` of `sql` on.
[[noreturn]] void throw_syntax_error(const std::string& sql, size_t from, const PgQueryError& error,
                                     const std::string& file, int first_line) {
  // cursorpos is 1-based and counts characters, as PostgreSQL's error
  // position does; 0 means the parser could not say where.
  const size_t offset =
      error.cursorpos > 0 ? byte_offset_of_character(sql, from, static_cast<size_t>(error.cursorpos - 1)) : from;
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

// One parse tree per distinct tree of a row statement: a million INSERTs
// into one table share one. SELECTs stay whole: they are few in migrations,
// and lint reads them (`SELECT set_config('lock_timeout', ...)`).
class TreeCache {
 public:
  std::shared_ptr<const json> tree_of(json statement) {
    static const std::set<std::string> k_row_kinds{"InsertStmt", "UpdateStmt", "DeleteStmt"};
    const std::string kind = statement.begin().key();
    if (k_row_kinds.count(kind) == 0) return std::make_shared<const json>(std::move(statement));
    json kept = json::object();
    json& relation = statement[kind]["relation"];
    if (relation.is_object()) {
      relation.erase("location");  // differs between statements; nothing reads it
      kept["relation"] = std::move(relation);
    }
    json pruned = json::object();
    pruned[kind] = std::move(kept);
    auto& shared = m_trees[pruned.dump()];
    if (!shared) shared = std::make_shared<const json>(std::move(pruned));
    return shared;
  }

 private:
  std::unordered_map<std::string, std::shared_ptr<const json>> m_trees;
};

// Splits one part of a file: `m_sql` is a private copy of the part, so that
// a slice can be ended with a NUL byte for the parser in place.
class Splitter {
 public:
  Splitter(std::shared_ptr<const SqlSource> source, size_t begin, size_t end, int first_line)
      : m_source(std::move(source)),
        m_begin(begin),
        m_first_line(first_line),
        m_sql(m_source->text, begin, end - begin),
        m_locator(m_sql, m_source->path, first_line) {}

  std::vector<SqlStatement> split() {
    // libpg_query copies identifiers and strings byte for byte into its
    // JSON tree, which nlohmann::json refuses when they are not UTF-8.
    require_utf8(m_source->path, m_sql, m_first_line);
    refuse_nul_bytes(m_sql, m_source->path, m_first_line);
    for (size_t from = 0; from < m_sql.size();) {
      // The scanner ends a statement at every ';' outside quotes, also
      // inside a BEGIN ATOMIC body: a slice the parser finds cut short
      // takes the next slices in (twice as many each time, so that a body
      // left open does not parse the rest of the file again and again).
      size_t to = slice_end(from);
      for (size_t grow = 1; !parse_slice(from, to, to == m_sql.size()); grow *= 2)
        for (size_t i = 0; i < grow && to < m_sql.size(); ++i) to = slice_end(to);
      from = to;
    }
    return std::move(m_statements);
  }

 private:
  // Where the slice that starts at `from` ends: at the start of the first
  // statement k_slice_bytes or more further on, as PostgreSQL's own scanner
  // splits the text (it knows quotes, comments and dollar quotes). Only a
  // window of the text is scanned, so memory stays small: statements that
  // start inside it are whole up to the window's end, which may cut the last
  // one (or a quote: then the window grows).
  size_t slice_end(size_t from) {
    for (size_t window = 2 * k_slice_bytes;; window *= 2) {
      if (from + window >= m_sql.size()) return m_sql.size();
      const char kept = m_sql[from + window];
      m_sql[from + window] = '\0';
      PgQuerySplitResult split = pg_query_split_with_scanner(m_sql.c_str() + from);
      m_sql[from + window] = kept;
      size_t end = 0;
      for (int i = 1; split.error == nullptr && i < split.n_stmts && end < k_slice_bytes; ++i)
        end = static_cast<size_t>(split.stmts[i]->stmt_location);
      pg_query_free_split_result(split);
      if (end > 0) return from + end;
    }
  }

  // Adds the statements of bytes [from, to); false when the slice ends in
  // the middle of a statement and is not the last one.
  bool parse_slice(size_t from, size_t to, bool last) {
    const char kept = m_sql[to];
    m_sql[to] = '\0';
    PgQueryParseResult result = pg_query_parse(m_sql.c_str() + from);
    m_sql[to] = kept;
    if (result.error != nullptr) {
      const PgQueryError error = *result.error;
      const bool cut_short = !last && std::string(error.message).find("at end of input") != std::string::npos;
      try {
        if (!cut_short) throw_syntax_error(m_sql, from, error, m_source->path, m_first_line);
      } catch (...) {
        pg_query_free_parse_result(result);
        throw;
      }
      pg_query_free_parse_result(result);
      return false;
    }
    json tree = json::parse(result.parse_tree);
    pg_query_free_parse_result(result);
    for (auto& statement : tree["stmts"]) add(statement, from, to);
    return true;
  }

  // libpg_query leaves out a location of 0, and the length of a last
  // statement that runs to the end of the text.
  void add(json& statement, size_t from, size_t to) {
    const size_t begin = from + statement.value("stmt_location", size_t{0});
    const size_t length = statement.value("stmt_len", size_t{0});
    const size_t end = length == 0 ? to : begin + length;
    const size_t start = skip_comments(m_sql, begin, end);
    if (start >= end) return;
    const SourceLocation where = m_locator.at(start);
    m_statements.emplace_back(m_source, m_begin + start, end - start, where.line, where.column,
                              m_trees.tree_of(std::move(statement["stmt"])));
  }

  std::shared_ptr<const SqlSource> m_source;
  size_t m_begin;
  int m_first_line;
  std::string m_sql;
  Locator m_locator;
  TreeCache m_trees;
  std::vector<SqlStatement> m_statements;
};

}  // namespace

SqlStatement::SqlStatement(std::shared_ptr<const SqlSource> source, size_t offset, size_t length, int line,
                           int column, std::shared_ptr<const nlohmann::json> tree)
    : m_source(std::move(source)),
      m_tree(std::move(tree)),
      m_offset(offset),
      m_length(length),
      m_line(line),
      m_column(column) {}

std::string SqlStatement::text() const { return m_source->text.substr(m_offset, m_length); }

SourceLocation SqlStatement::where() const { return SourceLocation{m_source->path, m_line, m_column}; }

std::string SqlStatement::kind() const {
  return m_tree->is_object() && !m_tree->empty() ? m_tree->begin().key() : "";
}

std::vector<SqlStatement> split_sql(const std::shared_ptr<const SqlSource>& source, size_t begin, size_t end,
                                    int first_line) {
  if (begin == 0 && source->text.compare(0, k_utf8_bom.size(), k_utf8_bom) == 0) begin = k_utf8_bom.size();
  if (begin >= end) return {};
  return Splitter(source, begin, end, first_line).split();
}

std::vector<SqlStatement> split_sql(const std::string& sql, const std::string& file, int first_line) {
  auto source = std::make_shared<const SqlSource>(SqlSource{file, sql});
  return split_sql(source, 0, sql.size(), first_line);
}

}  // namespace plumb
