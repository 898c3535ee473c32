-- Reference data at scale for the data-rules benchmark, generated server-side.
-- psql -v batches=1000000 -v entries=10000000 -v members=200000 -f generate.sql
-- (after the up part of migrations/001_reference_schema.sql). One batch in ten
-- thousand is stuck in running; the rest completed, with counters that match.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- The incident's global unique index would refuse repeated (type, id) pairs
-- across batches; the benchmark measures the batch-scoped world after the fix.
DROP INDEX idx_on_invitation_type_invitation_id_6d6ef495e6;

INSERT INTO members (id, name, email, created_at, updated_at)
  SELECT i, 'member ' || i, 'm' || i || '@example.org', now(), now() FROM generate_series(1, :members) AS i;

INSERT INTO invitation_logs (id, loggable_type, loggable_id, audience, status, success_count, started_at, completed_at, created_at, updated_at)
  SELECT i, 'Workshop', i / 3, (ARRAY['students', 'coaches', 'everyone'])[1 + i % 3],
         CASE WHEN i % 10000 = 0 THEN 'running' ELSE 'completed' END,
         -- entries are spread round-robin: batch i gets the entries e with e % batches = i % batches
         (:entries / :batches) + CASE WHEN i % :batches < :entries % :batches THEN 1 ELSE 0 END,
         now() - interval '2 days', now() - interval '2 days' + interval '5 minutes', now(), now()
  FROM generate_series(1, :batches) AS i;

INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, status, processed_at, created_at, updated_at)
  SELECT 1 + (e % :batches), 1 + (e % :members), 'WorkshopInvitation', e, 'success', now(), now(), now()
  FROM generate_series(0, :entries - 1) AS e;

VACUUM ANALYZE;
