// DataRuleOptions: what the data check kinds share: reading their own keys
// from a rule's YAML with errors that point at the key, quoting the tables
// and columns they name, and turning result rows into sample rows.
#pragma once

#include <pqxx/pqxx>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"
#include "rules/rule_options.hpp"  // rule_error
#include "util/errors.hpp"

namespace plumb {

// The text of `key`. Throws InputError at the rule when the key is missing,
// and at the key when it is not a non-empty string.
std::string required_text(const Rule& rule, const std::string& key);
// As required_text, but nullopt when the key is absent.
std::optional<std::string> optional_text(const Rule& rule, const std::string& key);

// The strings of list `key`, e.g. `columns: [a, b]`. Throws InputError when
// the key is missing (and `required`), is not a list of non-empty strings,
// or is an empty list.
std::vector<std::string> text_list(const Rule& rule, const std::string& key, bool required);

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
// It is user SQL by design: it runs in the rule's READ ONLY transaction.
std::string condition_sql(const Rule& rule);

}  // namespace plumb
