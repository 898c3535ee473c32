// VolatileFunctionGuard: refuses to run a rule whose SQL calls a volatile
// function (pg_proc.provolatile = 'v': lo_from_bytea, pg_terminate_backend,
// pg_read_file, nextval, set_config...). A READ ONLY transaction rolled back
// undoes what such a function writes inside it, but not what it does outside
// (a killed session, a file read into the report), so they are not run at
// all. The only way to run one anyway is on the command line
// (`--allow-volatile NAME`), never in a rules file, which arrives in a pull
// request; and never for functions that act outside the transaction.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "vocabulary/rule.hpp"

namespace plumb {

// True when `name` ("f" or "schema.f") acts outside the rule's transaction
// (large objects, pg_*_backend, pg_read_*, set_config, advisory locks,
// dblink*), so that --allow-volatile may not allow it.
bool acts_outside_transaction(const std::string& name);

// Throws InputError ("--allow-volatile NAME: ...") for a name that
// acts_outside_transaction, or that is empty.
void require_allowable(const std::string& name);

// Looks up every function and operator that the SQL of `rules` names in
// pg_proc, with one query on `connection` (in a READ ONLY transaction rolled
// back), and throws InputError, at the rule's key ("file:line:col: rule 'x':
// 'query' calls lo_from_bytea(), a volatile function..."), for the first rule
// that calls a volatile one not in `allowed`. An unqualified name counts as
// volatile when a function of that name is volatile in any schema: the search
// path at run time (which --role may change) picks which one runs. A name
// pg_proc does not know passes: the server will refuse the call itself.
// PostgreSQL's own random(), gen_random_uuid(), pg_sleep*(),
// clock_timestamp() and timeofday() pass: they are volatile but change nothing.
// Throws what pqxx throws when the query fails.
void refuse_volatile_calls(pqxx::connection& connection, const std::vector<Rule>& rules,
                           const std::vector<std::string>& allowed);

}  // namespace plumb
