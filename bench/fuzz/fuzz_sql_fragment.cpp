// Fuzz target: any bytes as a rule's `where` and as a `sql` rule's query.
// The fragment checker must accept them or throw InputError; and what it
// accepts must stay inside plumb's statement: an accepted condition, put in
// as the data kinds do (`WHERE (cond) AND plumb_sentinel`), must parse as one
// statement whose WHERE is that AND with the sentinel last (an early `)`
// would rebind it), and an accepted query must parse as one statement inside
// the sql kind's CTE. Anything else aborts, which libFuzzer reports.
#include <pg_query.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "rules/sql_fragment.hpp"
#include "util/errors.hpp"

namespace {

using json = nlohmann::json;

// The statements of `sql`; aborts when it does not parse.
json statements_of(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error != nullptr) std::abort();
  json tree = json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  return tree["stmts"];
}

void require_condition_stays_inside(const std::string& condition) {
  const json statements =
      statements_of("SELECT 1 FROM t WHERE " + plumb::parenthesised_condition(condition) + " AND plumb_sentinel");
  if (statements.size() != 1) std::abort();
  const json& where = statements[0]["stmt"]["SelectStmt"]["whereClause"];
  if (!where.contains("BoolExpr") || where["BoolExpr"]["boolop"] != "AND_EXPR") std::abort();
  const json& last = where["BoolExpr"]["args"].back();
  if (!last.contains("ColumnRef") || last["ColumnRef"]["fields"][0]["String"]["sval"] != "plumb_sentinel") std::abort();
}

void require_query_stays_inside(const std::string& query) {
  if (statements_of("WITH plumb_violations AS (" + query + "\n) SELECT * FROM plumb_violations LIMIT 1").size() != 1)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    plumb::check_condition(text);
    require_condition_stays_inside(text);
  } catch (const plumb::InputError&) {
    // A clear refusal is the right answer to bad input.
  }
  try {
    plumb::check_query(text);
    require_query_stays_inside(text);
  } catch (const plumb::InputError&) {
  }
  return 0;
}
