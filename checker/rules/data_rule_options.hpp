// DataRuleOptions: what the data check kinds share: reading and checking the
// user SQL of a rule, quoting the columns it names, its condition, and
// turning result rows into sample rows.
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "rules/sql_fragment.hpp"
#include "vocabulary/finding.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

class RuleOptions;  // rules/rule_options.hpp

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
// It is user SQL by design, checked when the rule was loaded; it runs in the
// rule's READ ONLY transaction, rolled back.
std::string condition_sql(const std::optional<UserSql>& where);

// The rule's `where` (optional unless `required`), checked as one SQL
// condition (check_condition) before anything connects. Throws InputError
// pointing at the key.
std::optional<UserSql> checked_condition(const RuleOptions& options, bool required = false);

// A sql rule's `query`, checked as one SELECT (check_query). Throws
// InputError pointing at the key.
UserSql checked_query(const RuleOptions& options);

// What a piece of user SQL calls: check_query's answer for a `query`,
// check_condition's for anything else. For SQL already checked by loading.
SqlFragment fragment_of(const UserSql& sql);

}  // namespace plumb
