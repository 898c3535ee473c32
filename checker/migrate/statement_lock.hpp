// StatementLock: what a migration statement does to the tables it touches,
// read from its parse tree: the lock it takes, whether it must run outside a
// transaction, and the index it builds. `plan` shows it; the runner uses it
// to find and repair INVALID indexes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migrate/sql_statement.hpp"

namespace plumb {

struct StatementLock {
  std::string mode;                  // e.g. "SHARE UPDATE EXCLUSIVE", "ACCESS EXCLUSIVE", "none"
  std::vector<std::string> tables;   // the tables it locks, as written ("schema.table" or "table")
  std::string effect;                // what the lock means for the app, e.g. "blocks writes"
};

// The lock `statement` takes on existing tables. Statements plumb does not
// model get mode "unknown" and an effect that says to check the docs.
StatementLock lock_taken(const SqlStatement& statement);

// True for statements PostgreSQL refuses inside a transaction block
// (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY,
// VACUUM, CREATE DATABASE ...).
bool needs_autocommit(const SqlStatement& statement);

// True for the concurrent index statements (CREATE, DROP and REINDEX ...
// CONCURRENTLY): after taking their lock they wait for every older
// transaction to end, a wait that blocks no other session.
bool waits_for_older_transactions(const SqlStatement& statement);

// A relation as written in SQL: the schema is empty when the statement left
// it to search_path.
struct RelationName {
  std::string schema;
  std::string name;
};

// For CREATE INDEX CONCURRENTLY: the index it builds. Empty for anything else
// (and for an index without a name).
std::optional<RelationName> concurrent_index_built(const SqlStatement& statement);

// The existing tables (IndexStmt) and indexes (DROP INDEX) a statement
// changes, as written: what the runner checks for INVALID indexes.
std::vector<RelationName> relations_touched(const SqlStatement& statement);

}  // namespace plumb
