#!/usr/bin/env bash
# Migration 2 (the index swap) on invitation_log_entries with ROWS rows while
# pgbench inserts entries as fast as it can: plumb's online swap, then the
# same swap as Rails does it by default (CREATE UNIQUE INDEX and DROP INDEX
# without CONCURRENTLY, in the migration's transaction). Prints, per variant,
# failed inserts and the longest insert latency (the stall) from pgbench's
# per-transaction log.
#
#   bench/migrate_swap/run.sh            # ROWS=5000000 CLIENTS=4
#   ROWS=500000 bench/migrate_swap/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROWS="${ROWS:-5000000}"
CLIENTS="${CLIENTS:-4}"
plumb="$root/build/plumb"
[[ -x "$plumb" ]] || { echo "build plumb first (scripts/build)" >&2; exit 1; }

eval "$(PLUMB_PG_PORT=54339 "$root/scripts/pg" start)"
trap '"$root/scripts/pg" stop "$PLUMB_PG_DIR"' EXIT
work="$(mktemp -d /tmp/plumb-bench.XXXXXX)"
chmod 0777 "$work"
createdb bench
export PGDATABASE=bench

"$plumb" -q migrate --migrations "$root/migrations" up --to 1 >/dev/null
start=$(date +%s)
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE SEQUENCE bench_ids START 1000000000;
INSERT INTO invitation_logs (id, audience, status, created_at, updated_at)
  SELECT g, 'students', 'completed', now(), now() FROM generate_series(1, 5000) g;
INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, created_at, updated_at)
  SELECT 1 + g % 5000, g, 'WorkshopInvitation', g, now(), now() FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE invitation_log_entries;
SQL
echo "loaded $ROWS rows in $(( $(date +%s) - start ))s" >&2

# How long the swap takes without load sets how long pgbench must run.
start=$(date +%s)
psql -qX -c "CREATE UNIQUE INDEX bench_probe ON invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id)" \
         -c "DROP INDEX bench_probe"
build=$(( $(date +%s) - start ))
duration=$(( build * 5 + 15 ))
echo "plain index build without load: ${build}s; pgbench runs ${duration}s per variant" >&2

# Runs pgbench for $duration s, starts "$@" (the swap) after 3 s, then
# prints: variant, swap seconds, transactions, failed, longest latency (ms).
measure() {
  local variant="$1"; shift
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -c "$CLIENTS" -j 2 -T "$duration" -f "$here/insert.sql" -l --log-prefix=pgbench_log \
     >"$work/$variant.pgbench" 2>&1) &
  local bench=$!
  sleep 3
  local begin end
  begin=$(date +%s%N)
  "$@" >"$work/$variant.swap" 2>&1
  end=$(date +%s%N)
  wait "$bench" || true
  local failed transactions longest
  transactions=$(cat "$work"/pgbench_log.* | wc -l)
  failed=$(grep -oP 'number of failed transactions: \K[0-9]+' "$work/$variant.pgbench" || echo "?")
  grep -q 'aborted in command' "$work/$variant.pgbench" && failed="$failed (clients aborted: $(grep -c 'aborted in command' "$work/$variant.pgbench"))"
  longest=$(awk '{ if ($3 > max) max = $3 } END { printf "%.1f", max / 1000 }' "$work"/pgbench_log.*)
  printf '| %s | %.1f s | %s | %s | %s ms |\n' "$variant" "$(( (end - begin) / 1000000 ))e-3" "$transactions" "$failed" "$longest"
}

plain_swap() {
  psql -qX -v ON_ERROR_STOP=1 -1 \
    -c "CREATE UNIQUE INDEX index_invitation_log_entries_on_batch_member_invitation ON invitation_log_entries USING btree (invitation_log_id, member_id, invitation_type, invitation_id)" \
    -c "DROP INDEX idx_on_invitation_type_invitation_id_6d6ef495e6"
}

echo "| variant | swap took | inserts | failed inserts | longest insert |"
echo "|---|---|---|---|---|"
measure "plumb migrate up (migration 2)" "$plumb" migrate --migrations "$root/migrations" up
"$plumb" -q migrate --migrations "$root/migrations" down >/dev/null   # back to the incident's index
measure "Rails default (no CONCURRENTLY)" plain_swap
echo "(ROWS=$ROWS CLIENTS=$CLIENTS, $(nproc) cores; logs in $work)" >&2
