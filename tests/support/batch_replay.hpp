// BatchReplay: the app's invitation batch job ("How a batch runs" in
// ../shared/reference-schema.md), replayed against a real server with the SQL
// that the app's ORM issues, so tests can show what the schema lets a batch do.
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>

namespace plumb::testing {

enum class Audience { students, coaches, everyone };

// What the app does when a statement fails in the middle of a batch.
enum class FailureHandling {
  // As at the incident: fail_batch's `@log.update!` is refused by the model's
  // validation of the unsaved entry, so no UPDATE reaches the server and the
  // batch stays `running`.
  as_at_incident,
  // As after the fix: the batch is set `failed` with the error as its reason.
  mark_failed,
};

struct BatchRequest {
  long long workshop_id = 0;
  Audience audience = Audience::students;
  std::string action = "invite";
  // Re-runs this existing batch (the app's retry) instead of starting a new one.
  std::optional<long long> retry_of;
  FailureHandling on_failure = FailureHandling::mark_failed;
};

// A statement the server refused.
struct SqlFailure {
  std::string sqlstate;    // e.g. "23505" for a unique violation
  std::string constraint;  // the index or constraint named in the message, "" if none
  std::string message;     // the server's message, on one line
};

// What happened, as the caller would read it from the database afterwards.
struct BatchOutcome {
  std::optional<long long> batch_id;  // empty when the batch could not even start
  std::string status;                 // "running", "completed", "failed", or "not started"
  int entries_logged = 0;             // entries this run inserted
  int members_processed = 0;          // members whose entry this run completed
  std::optional<SqlFailure> error;    // the statement that stopped the batch
};

// Runs one batch of invitations for workshop `request.workshop_id` over
// `connection`, each statement in its own implicit transaction as the ORM
// sends them. Never throws for a statement the server refuses: that is the
// outcome's `error`. Throws std::runtime_error when the workshop does not exist.
BatchOutcome replay_batch(pqxx::connection& connection, const BatchRequest& request);

// "students", "coaches" or "everyone", as invitation_logs.audience stores it.
std::string audience_name(Audience audience);

}  // namespace plumb::testing
