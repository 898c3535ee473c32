// CatalogReader: reads a SchemaSnapshot from PostgreSQL's catalog in one
// READ ONLY REPEATABLE READ transaction with three queries (tables and
// columns, indexes, constraints), however many tables there are.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <optional>
#include <string>

#include "schema/schema_snapshot.hpp"

namespace plumb {

// The number of statements read_schema_snapshot() sends inside its
// transaction: fixed, it does not grow with the number of tables.
constexpr int k_catalog_queries = 3;

// Reads every user table (all schemas but pg_catalog, information_schema and
// pg_toast), or only `table` ("name" in any schema, or "schema.name") when
// given. Opens its own transaction on `connection`, which must have none
// open. Waits at most `timeout` for a statement or a lock (a migration's
// ACCESS EXCLUSIVE lock blocks pg_get_expr), or without it as long as the
// session's own lock_timeout and statement_timeout allow, then throws what
// pqxx throws, as it does when a query fails.
SchemaSnapshot read_schema_snapshot(pqxx::connection& connection,
                                    const std::optional<std::string>& table = std::nullopt,
                                    std::optional<std::chrono::milliseconds> timeout = std::nullopt);

}  // namespace plumb
