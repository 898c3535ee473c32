// DataRuleOptions: the SQL side the data check kinds share: quoting the
// tables and columns a rule names, its condition, and turning result rows
// into sample rows. Reading the keys themselves is rule_options.hpp's job.
#pragma once

#include <pqxx/pqxx>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"
#include "rules/rule_options.hpp"
#include "rules/sql_fragment.hpp"
#include "util/errors.hpp"

namespace plumb {

// `name` ("table" or "schema.table") quoted for SQL, each part on its own.
std::string quote_qualified(pqxx::transaction_base& transaction, const std::string& name);

// `names` quoted for SQL and joined with ", ", each prefixed by `alias.` when given.
std::string quote_columns(pqxx::transaction_base& transaction, const std::vector<std::string>& names,
                          const std::string& alias = "");

// " LIMIT n" for a query whose rows are samples that also carry the totals
// (window functions): n is the sample limit, but at least 1, so that a
// finding always gets its totals.
std::string sample_limit_sql(int sample_limit);

// The first `columns` columns of at most `sample_limit` of `rows`, as text
// (nullopt for NULL).
SampleRows sample_rows(const pqxx::result& rows, size_t columns, int sample_limit);

// A rule's `where` condition in parentheses, or "TRUE" when it has none.
// It is user SQL by design, checked by checked_sql() when the rule was
// validated; it runs in the rule's READ ONLY transaction, rolled back.
std::string condition_sql(const Rule& rule);

// One piece of a rule's SQL, checked: which key holds it, and what it calls.
struct RuleSql {
  std::string key;  // "where" or "query"
  SqlFragment fragment;
};

// The SQL of `rule`, each piece checked before anything connects: its
// `where` (one condition, check_condition) and a sql rule's `query` (one
// SELECT, check_query). Throws InputError pointing at the offending key.
std::vector<RuleSql> checked_sql(const Rule& rule);

}  // namespace plumb
