-- The incident's fix (../shared/seed/incident-report.txt): an entry is unique
-- per batch, not across all batches. The global unique index made a re-sent
-- invitation fail in every later batch and left batch 28 stuck in `running`.
--
-- Online, on a table the invitation job writes to: the new index is built
-- CONCURRENTLY (writes continue), confirmed valid, and only then is the old
-- one dropped CONCURRENTLY. Every statement is safe to re-run: plumb drops an
-- INVALID index left by a killed build before IF NOT EXISTS could hide it.

-- plumb:no-transaction
-- plumb:up

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS index_invitation_log_entries_on_batch_member_invitation
  ON invitation_log_entries USING btree (invitation_log_id, member_id, invitation_type, invitation_id);

-- Never drop the old guard before the new one enforces uniqueness.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index
    WHERE indexrelid = to_regclass('index_invitation_log_entries_on_batch_member_invitation') AND indisvalid
  ) THEN
    RAISE EXCEPTION 'index_invitation_log_entries_on_batch_member_invitation is missing or INVALID; the old index stays';
  END IF;
END $$;

DROP INDEX CONCURRENTLY IF EXISTS idx_on_invitation_type_invitation_id_6d6ef495e6;

-- plumb:down

-- The old index forbids what the new one allows: the same invitation logged in
-- two batches. Building it over such rows would fail and leave it INVALID, so
-- refuse first and name the rows to resolve.
DO $$
DECLARE
  duplicates text;
BEGIN
  SELECT string_agg(format('(invitation_type %L, invitation_id %s) in batches %s',
                           invitation_type, invitation_id, batches), '; ')
    INTO duplicates
    FROM (SELECT invitation_type, invitation_id,
                 string_agg(DISTINCT invitation_log_id::text, ', ') AS batches
            FROM invitation_log_entries
           WHERE invitation_type IS NOT NULL AND invitation_id IS NOT NULL  -- NULLs never collide in a unique index
           GROUP BY invitation_type, invitation_id
          HAVING count(*) > 1
           ORDER BY invitation_type, invitation_id
           LIMIT 20) AS cross_batch;
  IF duplicates IS NOT NULL THEN
    RAISE EXCEPTION 'cannot restore the global unique index idx_on_invitation_type_invitation_id_6d6ef495e6: entries repeat across batches: %', duplicates
      USING HINT = 'delete or merge these entries first; the batch-scoped index stays in place';
  END IF;
END $$;

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_on_invitation_type_invitation_id_6d6ef495e6
  ON invitation_log_entries USING btree (invitation_type, invitation_id);

DROP INDEX CONCURRENTLY IF EXISTS index_invitation_log_entries_on_batch_member_invitation;
