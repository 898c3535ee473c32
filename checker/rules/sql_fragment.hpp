// SqlFragment: SQL text from a rules file (a `where` condition, a `sql`
// rule's query), checked with PostgreSQL's own parser (libpg_query) before
// anything connects, so that it cannot reach outside the statement plumb
// puts it in: no second statement, no parenthesis closed early, nothing that
// writes or locks. Also lists the functions and operators it calls, for the
// volatile-function guard.
#pragma once

#include <string>
#include <vector>

// parenthesised_condition(), the parentheses these checks assume, is there.
#include "vocabulary/rule.hpp"

namespace plumb {

// A function or operator as the SQL names it.
struct SqlName {
  std::string schema;  // empty when the SQL does not qualify it
  std::string name;

  bool operator==(const SqlName& other) const { return schema == other.schema && name == other.name; }
  // "schema.name", or "name" when unqualified.
  std::string to_string() const { return schema.empty() ? name : schema + "." + name; }
};

// What a fragment calls, each name once, in the order of libpg_query's tree
// (its keys sorted by name, so not always the order of the text).
struct SqlFragment {
  std::vector<SqlName> functions;  // every function call (FuncCall node)
  std::vector<SqlName> operators;  // every operator (`=`, `||`, `OPERATOR(s.+)`)
};

// Checks `text` as one boolean condition. It is parsed inside
// `SELECT 1 WHERE (text)`, which must come back as exactly that statement:
// one SELECT whose WHERE clause is all `text` holds. Throws InputError (no
// location: the caller knows the key) when it does not parse, holds a NUL,
// reaches past its parentheses (`true) GROUP BY x`, `; COMMIT`), or holds a
// data-modifying statement, SELECT INTO, a locking clause or a parameter
// reference (`$1`) anywhere.
SqlFragment check_condition(const std::string& text);

// Checks `text` as exactly one SELECT (VALUES and TABLE count): no `;`, no
// data-modifying WITH, no SELECT INTO, no FOR UPDATE/SHARE, no `$1`,
// anywhere in it.
// Throws InputError as check_condition does.
SqlFragment check_query(const std::string& text);

}  // namespace plumb
