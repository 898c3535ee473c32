-- A batch job crashing, as the incident's did: its batch stays `running` and
-- stops making progress. The update dates it two days back so that the next
-- `plumb sweep --apply` finds it stuck at once, while the workload is still
-- writing to the same table.
\set log random(1, :batches)
UPDATE invitation_logs
   SET status = 'running', completed_at = NULL, updated_at = (now() AT TIME ZONE 'UTC') - INTERVAL '2 days'
 WHERE id = :log;
