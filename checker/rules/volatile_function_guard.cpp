#include "rules/volatile_function_guard.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include "rules/data_rule_options.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// A function or operator as looked up: its kind, then its name.
using Lookup = std::tuple<std::string, std::string, std::string>;  // kind, schema, name

// Functions and operators of the rules' SQL that pg_proc says are volatile.
// Unqualified names match in any schema (see the header). PostgreSQL's own
// random, sleep and clock functions are volatile only because each call
// gives another value: they change nothing, and rules use them (a sampled
// check, a slow rule in a test), so they pass.
const char* const k_volatile_query = R"sql(
SELECT wanted.kind, wanted.schema, wanted.name
  FROM jsonb_to_recordset($1::jsonb) AS wanted(kind text, schema text, name text)
 WHERE (wanted.kind = 'function' AND EXISTS (
          SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE p.proname = wanted.name AND (wanted.schema = '' OR n.nspname = wanted.schema)
             AND p.provolatile = 'v'
             AND NOT (n.nspname = 'pg_catalog' AND p.proname IN
                        ('random', 'gen_random_uuid', 'pg_sleep', 'pg_sleep_for', 'pg_sleep_until',
                         'clock_timestamp', 'timeofday'))))
    OR (wanted.kind = 'operator' AND EXISTS (
          SELECT FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
                                    JOIN pg_proc p ON p.oid = o.oprcode
           WHERE o.oprname = wanted.name AND (wanted.schema = '' OR n.nspname = wanted.schema)
             AND p.provolatile = 'v'))
)sql";

void add_names(nlohmann::json& wanted, const char* kind, const std::vector<SqlName>& names) {
  for (const auto& name : names) wanted.push_back({{"kind", kind}, {"schema", name.schema}, {"name", name.name}});
}

std::set<Lookup> volatile_names(pqxx::connection& connection, const std::vector<Rule>& rules) {
  nlohmann::json wanted = nlohmann::json::array();
  for (const auto& rule : rules)
    for (const auto& piece : rule.spec->user_sql()) {
      const SqlFragment fragment = fragment_of(piece);
      add_names(wanted, "function", fragment.functions);
      add_names(wanted, "operator", fragment.operators);
    }
  std::set<Lookup> found;
  if (wanted.empty()) return found;
  pqxx::read_transaction transaction(connection, "plumb_volatile_functions");
  for (const auto& row : transaction.exec_params(k_volatile_query, wanted.dump()))
    found.emplace(row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>());
  transaction.abort();
  return found;
}

bool allowed_by(const std::vector<std::string>& allowed, const SqlName& name) {
  return std::find(allowed.begin(), allowed.end(), name.name) != allowed.end() ||
         std::find(allowed.begin(), allowed.end(), name.to_string()) != allowed.end();
}

std::string refusal(const UserSql& piece, const char* kind, const SqlName& name) {
  const bool function = std::string(kind) == "function";
  std::string message = "'" + piece.key + "' " + (function ? "calls " + name.to_string() + "(), a volatile function"
                                                            : "uses operator " + name.to_string() + ", whose function is volatile");
  message += ": it may change the database or act outside the rule's transaction, so plumb does not run it";
  if (function && !acts_outside_transaction(name.to_string()))
    message += " (if you trust it, pass --allow-volatile " + name.to_string() + ")";
  return message;
}

}  // namespace

bool acts_outside_transaction(const std::string& name) {
  const auto dot = name.rfind('.');
  const std::string function = dot == std::string::npos ? name : name.substr(dot + 1);
  const auto ends_with = [&](const std::string& tail) {
    return function.size() >= tail.size() && function.compare(function.size() - tail.size(), tail.size(), tail) == 0;
  };
  return starts_with(function, "lo_") || function == "loread" || function == "lowrite" ||
         (starts_with(function, "pg_") && ends_with("_backend")) || starts_with(function, "pg_read_") ||
         function == "set_config" || starts_with(function, "pg_advisory") || starts_with(function, "pg_try_advisory") ||
         starts_with(function, "dblink");
}

void require_allowable(const std::string& name) {
  if (name.empty()) throw InputError("--allow-volatile needs a function name");
  if (acts_outside_transaction(name))
    throw InputError("--allow-volatile " + name +
                     ": this function acts outside the rule's transaction (large objects, other sessions, server "
                     "files, settings, advisory locks, other databases), which a rollback cannot undo; it cannot be allowed");
}

void refuse_volatile_calls(pqxx::connection& connection, const std::vector<Rule>& rules,
                           const std::vector<std::string>& allowed) {
  const std::set<Lookup> found = volatile_names(connection, rules);
  for (const auto& rule : rules)
    for (const auto& piece : rule.spec->user_sql()) {
      const SqlFragment fragment = fragment_of(piece);
      const auto refuse = [&](const char* kind, const SqlName& name) {
        return InputError(piece.location, "rule '" + rule.id + "': " + refusal(piece, kind, name));
      };
      for (const auto& name : fragment.functions)
        if (found.count({"function", name.schema, name.name}) && !allowed_by(allowed, name)) throw refuse("function", name);
      for (const auto& name : fragment.operators)
        if (found.count({"operator", name.schema, name.name})) throw refuse("operator", name);
    }
}

}  // namespace plumb
