// The incident replayed: the batch job against the reference schema with the
// incident's data, before and after the fix.
#include "support/batch_replay.hpp"

#include <catch2/catch.hpp>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/test_database.hpp"

namespace plumb::testing {
namespace {

constexpr long long k_workshop = 3668;
const std::string k_unique_violation = "23505";

// Berlin at the incident: migration 1, batch 28 stuck in `running`.
void load_incident_at_migration_1(const TestDatabase& database) {
  apply_reference_schema_at_incident(database);
  load_incident(database);
}

// Batch 28 moved out of `running` by `plumb sweep --apply`, the step the
// incident report's post-deployment actions did by hand.
void move_batch_28_to_failed(const TestDatabase& database) {
  const auto swept = run_plumb({"sweep", "--db", database.conninfo(), "--rules", "rules/reference-data.yml",
                                "--only", "no-stuck-batches", "--apply"},
                               {}, PLUMB_SOURCE_DIR);
  INFO(swept.out + swept.err);
  REQUIRE(swept.exit_code == 0);
  REQUIRE(database.query_value("SELECT status FROM invitation_logs WHERE id = 28") == "failed");
}

// The fix of PR #2560: migration 2 swaps the global index for a batch-scoped one.
void apply_the_fix(const TestDatabase& database) { apply_all_migrations(database); }

// Berlin after the incident report's steps: batch 28 moved, the fix deployed.
void load_incident_after_the_fix(const TestDatabase& database) {
  load_incident_at_migration_1(database);
  move_batch_28_to_failed(database);
  apply_the_fix(database);
}

std::string entries_of(const TestDatabase& database, long long batch_id) {
  return database.query_value("SELECT count(*) FROM invitation_log_entries WHERE invitation_log_id = " +
                              std::to_string(batch_id));
}

BatchOutcome run_batch(const TestDatabase& database, Audience audience,
                       std::optional<long long> retry_of = std::nullopt) {
  auto connection = database.connect();
  BatchRequest request;
  request.workshop_id = k_workshop;
  request.audience = audience;
  request.retry_of = retry_of;
  return replay_batch(*connection, request);
}

}  // namespace

TEST_CASE("At migration 1 a new students batch cannot start while batch 28 is stuck", "[db][replay]") {
  TestDatabase database;
  load_incident_at_migration_1(database);

  const BatchOutcome outcome = run_batch(database, Audience::students);

  CHECK_FALSE(outcome.batch_id.has_value());
  CHECK(outcome.status == "not started");
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->sqlstate == k_unique_violation);
  CHECK(outcome.error->constraint == "index_invitation_logs_unique_active");
  CHECK(database.query_value("SELECT count(*) FROM invitation_logs") == "5");
}

TEST_CASE("A coaches batch for the same workshop is not blocked by the stuck students batch", "[db][replay]") {
  TestDatabase database;
  load_incident_at_migration_1(database);

  const BatchOutcome outcome = run_batch(database, Audience::coaches);

  // Coaches 1-10 were logged by the `everyone` batches: at migration 1 the
  // first of them stops this batch too.
  CHECK(outcome.batch_id == 29);
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->constraint == "idx_on_invitation_type_invitation_id_6d6ef495e6");
}

TEST_CASE("At migration 1 a new batch after batch 28 is moved dies on the first student already logged",
          "[db][replay]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  move_batch_28_to_failed(database);

  const BatchOutcome outcome = run_batch(database, Audience::students);

  CHECK(outcome.batch_id == 29);
  CHECK(outcome.status == "failed");
  CHECK(outcome.entries_logged == 0);
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->sqlstate == k_unique_violation);
  CHECK(outcome.error->constraint == "idx_on_invitation_type_invitation_id_6d6ef495e6");
  // 14756, the first student, was logged by batch 28 itself.
  CHECK(outcome.error->message.find("(WorkshopInvitation, 251144)") != std::string::npos);
  CHECK(database.query_value("SELECT error_message FROM invitation_logs WHERE id = 29").find(
            "idx_on_invitation_type_invitation_id_6d6ef495e6") != std::string::npos);
}

TEST_CASE("At migration 1 the app of the incident leaves a failed batch running", "[db][replay]") {
  TestDatabase database;
  load_incident_at_migration_1(database);
  move_batch_28_to_failed(database);
  auto connection = database.connect();
  BatchRequest request;
  request.workshop_id = k_workshop;
  request.on_failure = FailureHandling::as_at_incident;

  const BatchOutcome outcome = replay_batch(*connection, request);

  CHECK(outcome.status == "running");
  REQUIRE(outcome.error.has_value());
  CHECK(outcome.error->constraint == "idx_on_invitation_type_invitation_id_6d6ef495e6");
}

TEST_CASE("After the fix a new students batch logs every eligible student", "[db][replay]") {
  TestDatabase database;
  load_incident_after_the_fix(database);

  const BatchOutcome outcome = run_batch(database, Audience::students);

  CHECK(outcome.error.value_or(SqlFailure{}).message == "");
  CHECK(outcome.status == "completed");
  CHECK(outcome.entries_logged == 563);
  CHECK(entries_of(database, 29) == "563");
  CHECK(database.query_value("SELECT concat_ws(' ', success_count, total_invitees) FROM invitation_logs "
                             "WHERE id = 29") == "563 563");
  // 431 new invitations, and the 132 earlier ones found again.
  CHECK(database.query_value("SELECT count(*) FROM workshop_invitations WHERE workshop_id = 3668 "
                             "AND role = 'Student'") == "564");
}

TEST_CASE("After the fix running the same batch again adds no entry", "[db][replay]") {
  TestDatabase database;
  load_incident_after_the_fix(database);
  const BatchOutcome first = run_batch(database, Audience::students);
  REQUIRE(first.status == "completed");

  const BatchOutcome retry = run_batch(database, Audience::students, first.batch_id);

  CHECK_FALSE(retry.error.has_value());
  CHECK(retry.status == "completed");
  CHECK(retry.entries_logged == 0);
  CHECK(retry.members_processed == 0);
  CHECK(entries_of(database, *first.batch_id) == "563");
}

TEST_CASE("After the fix retrying the stuck batch 28 logs the students it had not reached", "[db][replay]") {
  TestDatabase database;
  load_incident_after_the_fix(database);

  const BatchOutcome retry = run_batch(database, Audience::students, 28);

  CHECK(retry.status == "completed");
  CHECK(retry.entries_logged == 558);
  CHECK(entries_of(database, 28) == "563");
}

TEST_CASE("After the fix a students batch and a coaches batch touching the same member both complete",
          "[db][replay]") {
  TestDatabase database;
  load_incident_after_the_fix(database);

  const BatchOutcome students = run_batch(database, Audience::students);
  const BatchOutcome coaches = run_batch(database, Audience::coaches);

  CHECK(students.status == "completed");
  CHECK(coaches.status == "completed");
  CHECK(coaches.entries_logged == 41);
  // Member 12062 is in both groups: one entry per role's invitation.
  CHECK(database.query_value("SELECT count(*) FROM invitation_log_entries WHERE member_id = 12062 "
                             "AND invitation_log_id IN (29, 30)") == "2");
}

TEST_CASE("After the fix an everyone batch logs students and coaches again", "[db][replay]") {
  TestDatabase database;
  load_incident_after_the_fix(database);

  const BatchOutcome everyone = run_batch(database, Audience::everyone);

  CHECK(everyone.status == "completed");
  CHECK(everyone.entries_logged == 563 + 41);
}

}  // namespace plumb::testing
