#include <catch2/catch.hpp>

#include "support/data_rule.hpp"
#include "sweep/stale_row_sweep.hpp"
#include "util/errors.hpp"

using namespace plumb;
using namespace plumb::testing;

namespace {

const char* k_batches = R"sql(
  CREATE TABLE batches (id bigserial PRIMARY KEY, workshop int, status text, updated_at timestamp,
                        completed_at timestamp, error_message text, api_token text);
  INSERT INTO batches (workshop, status, updated_at, api_token) VALUES
    (10, 'running', now() - interval '3 hours', 'secret-1'),
    (11, 'running', now() - interval '2 hours', 'secret-2'),
    (12, 'running', now() - interval '1 minute', 'secret-3'),
    (13, 'completed', now() - interval '5 hours', 'secret-4');
)sql";

const char* k_rule = R"yaml(
id: stuck
check: stale_rows
table: batches
where: status = 'running'
timestamp: updated_at
older_than: 30m
show: [id, status]
sweep:
  set: {status: failed, error_message: moved by plumb, completed_at: now()}
  follow_up: [workshop]
)yaml";

StaleRowSweep sweep_of(const std::string& yaml = k_rule) { return StaleRowSweep(sweep_action_of(rule_from_yaml(yaml))); }

std::vector<std::string> ids_of(const SweptRows& rows) {
  std::vector<std::string> ids;
  for (const auto& row : rows.rows) ids.push_back(*row.key[0]);
  return ids;
}

}  // namespace

TEST_CASE("a sweep scan lists the stale rows oldest first with their shown and follow-up columns", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto rows = sweep_of().scan(*connection, 0);
  CHECK(rows.key_columns == std::vector<std::string>{"id"});
  CHECK(ids_of(rows) == std::vector<std::string>{"1", "2"});
  CHECK(rows.rows[0].shown == RowValues{"1", "running"});
  CHECK(rows.rows[0].follow_up == RowValues{"10"});
  CHECK(database.query_value("SELECT count(*) FROM batches WHERE status = 'failed'") == "0");
}

TEST_CASE("a sweep scan stops at its limit", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  CHECK(ids_of(sweep_of().scan(*connection, 1)) == std::vector<std::string>{"1"});
}

TEST_CASE("applying a sweep moves the stale rows and sets every column of the action", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of();
  const auto moved = sweep.apply(*connection, sweep.scan(*connection, 0));
  CHECK(ids_of(moved) == std::vector<std::string>{"1", "2"});
  CHECK(moved.rows[0].shown == RowValues{"1", "failed"});
  CHECK(database.query_value("SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM batches") ==
        "1:failed,2:failed,3:running,4:completed");
  CHECK(database.query_value("SELECT count(*) FROM batches WHERE error_message = 'moved by plumb' "
                             "AND completed_at IS NOT NULL") == "2");
}

TEST_CASE("a second sweep finds and moves nothing", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of();
  const auto first_scan = sweep.scan(*connection, 0);
  sweep.apply(*connection, first_scan);
  CHECK(sweep.scan(*connection, 0).rows.empty());
  // Applying the old scan again moves nothing: the rows are no longer running.
  CHECK(sweep.apply(*connection, first_scan).rows.empty());
}

TEST_CASE("a row that made progress after the scan is left alone", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of();
  const auto candidates = sweep.scan(*connection, 0);
  database.execute("UPDATE batches SET updated_at = now() WHERE id = 1");
  CHECK(ids_of(sweep.apply(*connection, candidates)) == std::vector<std::string>{"2"});
  CHECK(database.query_value("SELECT status FROM batches WHERE id = 1") == "running");
}

TEST_CASE("a row that a live transaction is writing is skipped without waiting", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of();
  const auto candidates = sweep.scan(*connection, 0);

  // The batch is mid-update: it holds its row's lock and has bumped updated_at.
  auto batch = database.connect();
  pqxx::work writing(*batch);
  writing.exec("UPDATE batches SET updated_at = now() WHERE id = 1");
  CHECK(ids_of(sweep.apply(*connection, candidates)) == std::vector<std::string>{"2"});
  writing.commit();
  CHECK(database.query_value("SELECT status FROM batches WHERE id = 1") == "running");
  CHECK(sweep.scan(*connection, 0).rows.empty());
}

TEST_CASE("a row whose writer rolled back is still stale and moves on the next sweep", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of();
  auto batch = database.connect();
  {
    pqxx::work writing(*batch);
    writing.exec("UPDATE batches SET updated_at = now() WHERE id = 1");
    sweep.apply(*connection, sweep.scan(*connection, 0));
  }  // rolled back
  CHECK(ids_of(sweep.apply(*connection, sweep.scan(*connection, 0))) == std::vector<std::string>{"1"});
}

TEST_CASE("a quoted value is set as text and null as SQL NULL", "[db][sweep]") {
  TestDatabase database;
  database.execute(k_batches);
  auto connection = database.connect();
  const auto sweep = sweep_of(
      "id: stuck\ncheck: stale_rows\ntable: batches\nwhere: status = 'running'\ntimestamp: updated_at\n"
      "older_than: 30m\nsweep: {set: {status: \"now()\", api_token: null}}\n");
  sweep.apply(*connection, sweep.scan(*connection, 0));
  CHECK(database.query_value("SELECT count(*) FROM batches WHERE status = 'now()' AND api_token IS NULL") == "2");
}

TEST_CASE("a table without a primary key cannot be swept", "[db][sweep]") {
  TestDatabase database;
  database.execute("CREATE TABLE batches (status text, updated_at timestamp)");
  auto connection = database.connect();
  CHECK_THROWS_WITH(sweep_of("id: stuck\ncheck: stale_rows\ntable: batches\nwhere: status = 'running'\n"
                             "timestamp: updated_at\nolder_than: 30m\nsweep: {set: {status: failed}}\n")
                        .scan(*connection, 0),
                    "rule 'stuck': table batches has no primary key (or does not exist), so its rows cannot be "
                    "swept one by one");
}

TEST_CASE("only stale rows rules with a sweep action can be swept", "[sweep]") {
  CHECK_THROWS_WITH(sweep_action_of(rule_from_yaml("id: dup\ncheck: duplicates\ntable: t\ncolumns: [a]\n")),
                    "rules.yml:1:1: rule 'dup' cannot be swept: only stale_rows rules with a 'sweep' action can");
}
