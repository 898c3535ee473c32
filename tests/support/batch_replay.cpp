#include "support/batch_replay.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include "util/text.hpp"

namespace plumb::testing {
namespace {

// The app stores UTC in `timestamp without time zone` columns.
constexpr const char* k_now = "(now() AT TIME ZONE 'UTC')";

// One statement in its own transaction, as ActiveRecord sends each save: a
// failed statement never leaves a transaction behind that would hide the next.
template <typename... Args>
pqxx::result run(pqxx::connection& connection, const std::string& sql, Args&&... args) {
  pqxx::nontransaction statement(connection);
  return statement.exec_params(sql, std::forward<Args>(args)...);
}

struct Invitee {
  long long member_id;
  std::string role;  // "Student" or "Coach"
};

// The thrown error, reduced to what a caller checks: sqlstate and the name of
// the constraint, which libpqxx 6.4 does not expose but the message quotes.
SqlFailure to_failure(const pqxx::sql_error& error) {
  SqlFailure failure{error.sqlstate(), "", one_line(error.what())};
  const std::string marker = "constraint \"";
  const auto start = failure.message.find(marker);
  if (start != std::string::npos) {
    const auto first = start + marker.size();
    failure.constraint = failure.message.substr(first, failure.message.find('"', first) - first);
  }
  return failure;
}

long long chapter_of_workshop(pqxx::connection& connection, long long workshop_id) {
  const auto rows = run(connection, "SELECT chapter_id FROM workshops WHERE id = $1 LIMIT 1", workshop_id);
  if (rows.empty()) throw std::runtime_error("no workshop " + std::to_string(workshop_id));
  return rows[0][0].as<long long>();
}

// Eligible members of the chapter's groups for `audience`, in the order the
// app meets them: students before coaches, each group in subscription order.
std::vector<Invitee> eligible_invitees(pqxx::connection& connection, long long chapter_id, Audience audience) {
  const std::string first = audience == Audience::coaches ? "Coaches" : "Students";
  const std::string second = audience == Audience::students ? "Students" : "Coaches";
  const auto rows = run(connection,
      "SELECT m.id, CASE g.name WHEN 'Students' THEN 'Student' ELSE 'Coach' END "
      "FROM members m JOIN subscriptions s ON s.member_id = m.id JOIN groups g ON g.id = s.group_id "
      "WHERE g.chapter_id = $1 AND g.name IN ($2, $3) AND m.accepted_toc_at IS NOT NULL "
      "AND NOT EXISTS (SELECT 1 FROM bans b WHERE b.member_id = m.id "
      "                AND (b.expires_at IS NULL OR b.expires_at > now())) "
      "ORDER BY g.name DESC, s.id",
      chapter_id, first, second);
  std::vector<Invitee> invitees;
  for (const auto& row : rows) invitees.push_back({row[0].as<long long>(), row[1].as<std::string>()});
  return invitees;
}

long long start_batch(pqxx::connection& connection, long long chapter_id, const BatchRequest& request) {
  if (request.retry_of) {
    run(connection,
        std::string("UPDATE invitation_logs SET status = 'running', error_message = NULL, completed_at = NULL, "
                    "updated_at = ") + k_now + " WHERE id = $1",
        *request.retry_of);
    return *request.retry_of;
  }
  return run(connection,
             std::string("INSERT INTO invitation_logs (loggable_type, loggable_id, chapter_id, audience, action, "
                         "status, started_at, created_at, updated_at) "
                         "VALUES ('Workshop', $1, $2, $3, $4, 'running', ") +
                 k_now + ", " + k_now + ", " + k_now + ") RETURNING id",
             request.workshop_id, chapter_id, audience_name(request.audience), request.action)[0][0]
      .as<long long>();
}

// WorkshopInvitation.find_or_create_by(workshop:, member:, role:). The token
// is derived, not random, so replays are repeatable (fixtures/incident.sql
// uses the same formula).
long long find_or_create_invitation(pqxx::connection& connection, long long workshop_id, const Invitee& invitee) {
  const auto found = run(connection,
      "SELECT id FROM workshop_invitations WHERE workshop_id = $1 AND member_id = $2 AND role = $3 LIMIT 1",
      workshop_id, invitee.member_id, invitee.role);
  if (!found.empty()) return found[0][0].as<long long>();
  return run(connection,
             std::string("INSERT INTO workshop_invitations (workshop_id, member_id, role, token, created_at, "
                         "updated_at) VALUES ($1::integer, $2::integer, $3::varchar, "
                         "md5('workshop-' || $1::integer || '-' || $3::varchar || '-' || $2::integer), ") +
                 k_now + ", " + k_now + ") RETURNING id",
             workshop_id, invitee.member_id, invitee.role)[0][0]
      .as<long long>();
}

// @log.entries.find_or_create_by(member:, invitation:), then processed_at and
// the batch's counter. An entry this batch already processed is skipped, as
// the app does since PR #2558, so a retry logs nobody twice.
void log_entry(pqxx::connection& connection, long long batch_id, long long member_id, long long invitation_id,
               BatchOutcome& outcome) {
  const auto found = run(connection,
      "SELECT id, processed_at IS NOT NULL FROM invitation_log_entries WHERE invitation_log_id = $1 "
      "AND member_id = $2 AND invitation_type = 'WorkshopInvitation' AND invitation_id = $3 LIMIT 1",
      batch_id, member_id, invitation_id);
  if (!found.empty() && found[0][1].as<bool>()) return;
  const long long entry_id = !found.empty() ? found[0][0].as<long long>() : run(connection,
      std::string("INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, "
                  "status, created_at, updated_at) VALUES ($1, $2, 'WorkshopInvitation', $3, 'success', ") +
          k_now + ", " + k_now + ") RETURNING id",
      batch_id, member_id, invitation_id)[0][0].as<long long>();
  if (found.empty()) ++outcome.entries_logged;
  run(connection,
      std::string("UPDATE invitation_log_entries SET processed_at = ") + k_now + ", updated_at = " + k_now +
          " WHERE id = $1",
      entry_id);
  // increment! with a touch: the batch's updated_at shows it is making progress.
  run(connection,
      std::string("UPDATE invitation_logs SET success_count = COALESCE(success_count, 0) + 1, updated_at = ") +
          k_now + " WHERE id = $1",
      batch_id);
  ++outcome.members_processed;
}

void finish_batch(pqxx::connection& connection, long long batch_id, std::size_t invitees) {
  run(connection,
      std::string("UPDATE invitation_logs SET status = 'completed', total_invitees = $2, completed_at = ") + k_now +
          ", updated_at = " + k_now + " WHERE id = $1",
      batch_id, static_cast<long long>(invitees));
}

void fail_batch(pqxx::connection& connection, long long batch_id, const SqlFailure& failure) {
  run(connection,
      std::string("UPDATE invitation_logs SET status = 'failed', error_message = $2, completed_at = ") + k_now +
          ", updated_at = " + k_now + " WHERE id = $1",
      batch_id, "ActiveRecord::RecordNotUnique: " + failure.message);
}

std::string status_of(pqxx::connection& connection, long long batch_id) {
  return run(connection, "SELECT status FROM invitation_logs WHERE id = $1", batch_id)[0][0].as<std::string>();
}

}  // namespace

std::string audience_name(Audience audience) {
  switch (audience) {
    case Audience::students: return "students";
    case Audience::coaches: return "coaches";
    case Audience::everyone: return "everyone";
  }
  return "";
}

BatchOutcome replay_batch(pqxx::connection& connection, const BatchRequest& request) {
  const long long chapter_id = chapter_of_workshop(connection, request.workshop_id);
  BatchOutcome outcome;
  try {
    outcome.batch_id = start_batch(connection, chapter_id, request);
  } catch (const pqxx::sql_error& error) {
    // The partial unique index on running batches refuses a second one: the
    // job never starts, and there is nothing to mark failed.
    outcome.status = "not started";
    outcome.error = to_failure(error);
    return outcome;
  }
  const auto invitees = eligible_invitees(connection, chapter_id, request.audience);
  try {
    for (const auto& invitee : invitees)
      log_entry(connection, *outcome.batch_id, invitee.member_id,
                find_or_create_invitation(connection, request.workshop_id, invitee), outcome);
    finish_batch(connection, *outcome.batch_id, invitees.size());
  } catch (const pqxx::sql_error& error) {
    outcome.error = to_failure(error);
    if (request.on_failure == FailureHandling::mark_failed) fail_batch(connection, *outcome.batch_id, *outcome.error);
  }
  outcome.status = status_of(connection, *outcome.batch_id);
  return outcome;
}

}  // namespace plumb::testing
