-- One step of the app's invitation batch job, as pgbench drives it: log an
-- entry for a member and count it on its batch, in one transaction.
\set log random(1, :batches)
\set member random(1, :batches)
BEGIN;
UPDATE invitation_logs SET success_count = success_count + 1, updated_at = now() WHERE id = :log;
INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, created_at, updated_at)
  VALUES (:log, :member, 'WorkshopInvitation', nextval('bench_invitation_ids'), now(), now());
END;
